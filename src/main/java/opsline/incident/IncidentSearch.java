package opsline.incident;

import jakarta.inject.Singleton;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.stream.Collectors;

/** Finding incidents, and the response figures over them. */
@Singleton
public class IncidentSearch {

    private final IncidentRepository incidents;
    private final ServiceCatalog services;
    private final SeverityPolicy policy;
    private final Clock clock;

    public IncidentSearch(IncidentRepository incidents, ServiceCatalog services, SeverityPolicy policy, Clock clock) {
        this.incidents = incidents;
        this.services = services;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Which incidents a list shows.
     *
     * @param statuses the statuses to include, or empty for all
     * @param service  a service's slug, or null
     */
    public record Filter(List<IncidentStatus> statuses, Severity severity, String service) {
    }

    /** A page of incidents the viewer may see, newest first, and how many match. */
    public record Found(List<Incident> incidents, long total) {
    }

    public Found find(Viewer viewer, Filter filter, Long beforeNumber, int limit) {
        UUID serviceId = null;
        if (filter.service() != null) {
            Optional<Service> service = services.find(viewer, filter.service());
            if (service.isEmpty()) {
                return new Found(List.of(), 0);
            }
            serviceId = service.get().id();
        }
        String statuses = filter.statuses().isEmpty() ? null : filter.statuses().stream().map(Enum::name).collect(Collectors.joining(","));
        String severity = filter.severity() == null ? null : filter.severity().name();
        return new Found(incidents.page(viewer.seesInternal(), statuses, severity, serviceId, beforeNumber, limit),
                incidents.count(viewer.seesInternal(), statuses, severity, serviceId));
    }

    /** Counts and mean times over incidents declared since {@code since}. */
    public record Metrics(int count, int open, Duration meanTimeToAcknowledge, Duration meanTimeToResolve, int breached) {
    }

    public Metrics metrics(Viewer viewer, Instant since, Severity severity) {
        viewer.require(Role.VIEWER);
        List<Incident> declared = incidents.declaredSince(since, severity == null ? null : severity.name());
        Instant now = clock.instant();
        return new Metrics(declared.size(),
                (int) declared.stream().filter(incident -> incident.status().open()).count(),
                mean(declared.stream().map(Incident::timeToAcknowledge).toList()),
                mean(declared.stream().map(Incident::timeToResolve).toList()),
                (int) declared.stream().filter(incident -> !policy.breaches(incident, now).isEmpty()).count());
    }

    static Duration mean(List<Duration> durations) {
        OptionalDouble mean = durations.stream().filter(Objects::nonNull).mapToLong(Duration::toMillis).average();
        return mean.isPresent() ? Duration.ofMillis(Math.round(mean.getAsDouble())) : null;
    }
}
