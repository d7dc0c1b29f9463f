package opsline.incident;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.event.EventFeed;
import opsline.graphql.InvalidArgument;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Viewer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;
import java.util.UUID;

/** The {@code timelineEntryAdded} subscription: the live timeline of the console, and of anyone following an incident. */
@Singleton
class IncidentSubscriptions implements SchemaWiring {

    private final EventFeed feed;
    private final Incidents incidents;
    private final TimelineRepository entries;

    IncidentSubscriptions(EventFeed feed, Incidents incidents, TimelineRepository entries) {
        this.feed = feed;
        this.incidents = incidents;
        this.entries = entries;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Subscription", type -> type.dataFetcher("timelineEntryAdded", this::timelineEntryAdded));
    }

    private Publisher<TimelineEntry> timelineEntryAdded(DataFetchingEnvironment env) {
        Viewer viewer = ViewerContext.of(env);
        String number = env.getArgument("incidentNumber");
        Incident incident = incidents.find(viewer, number)
                .orElseThrow(() -> new InvalidArgument("No incident is numbered '" + number + "'."));
        String subject = incident.id().toString();
        // Loading the entry is blocking JDBC: off the thread that delivers events to every consumer.
        return feed.events(Timeline.ENTRY_ADDED)
                .filter(event -> subject.equals(event.subject()))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(event -> Flux.fromStream(entry(viewer, (String) event.payload().get("entryId")).stream()));
    }

    private Optional<TimelineEntry> entry(Viewer viewer, String id) {
        return entries.findById(UUID.fromString(id)).filter(entry -> viewer.seesInternal() || entry.visibility() == Visibility.PUBLIC);
    }
}
