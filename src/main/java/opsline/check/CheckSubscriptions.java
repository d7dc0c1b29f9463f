package opsline.check;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.event.DomainEvent;
import opsline.event.EventFeed;
import opsline.graphql.InvalidArgument;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code checkStateChanged} subscription, fed by the domain events every instance writes. */
@Singleton
class CheckSubscriptions implements SchemaWiring {

    /** What the subscription delivers: the service, the check as it is now (for signed-in viewers), and the change. */
    record CheckStateChange(Service service, Check check, CheckTransition transition) {
    }

    private final EventFeed feed;
    private final ServiceCatalog services;
    private final CheckRepository checks;
    private final CheckTransitionRepository transitions;

    CheckSubscriptions(EventFeed feed, ServiceCatalog services, CheckRepository checks, CheckTransitionRepository transitions) {
        this.feed = feed;
        this.services = services;
        this.checks = checks;
        this.transitions = transitions;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Subscription", type -> type.dataFetcher("checkStateChanged", this::checkStateChanged));
    }

    private Publisher<CheckStateChange> checkStateChanged(DataFetchingEnvironment env) {
        Viewer viewer = ViewerContext.of(env);
        String slug = env.getArgument("service");
        Optional<UUID> serviceId = Optional.empty();
        if (slug != null) {
            serviceId = Optional.of(services.find(viewer, slug).map(Service::id)
                    .orElseThrow(() -> new InvalidArgument("No service has the slug '" + slug + "'.")));
        }
        String wanted = serviceId.map(UUID::toString).orElse(null);
        Flux<DomainEvent> changes = feed.events(TransitionLog.STATE_CHANGED)
                .filter(event -> wanted == null || wanted.equals(event.payload().get("serviceId")));
        // Loading the check is blocking JDBC: off the thread that delivers events to every consumer.
        return changes.publishOn(Schedulers.boundedElastic()).flatMap(event -> Flux.fromStream(load(viewer, event).stream()));
    }

    /** The change, when the viewer may see its service. */
    private Optional<CheckStateChange> load(Viewer viewer, DomainEvent event) {
        long transitionId = ((Number) event.payload().get("transitionId")).longValue();
        Optional<Check> check = checks.findById(UUID.fromString(event.subject()));
        Optional<Service> service = check.flatMap(found -> services.visible(viewer, services.byIds(List.of(found.serviceId()))).stream().findFirst());
        if (service.isEmpty()) {
            return Optional.empty();
        }
        return transitions.find(transitionId).map(transition ->
                new CheckStateChange(service.get(), viewer.seesInternal() ? check.get() : null, transition));
    }
}
