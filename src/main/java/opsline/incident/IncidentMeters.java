package opsline.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Incident figures for Prometheus, per severity: open incidents, and mean time to acknowledge and to
 * resolve over the last 30 days. Read from the database at most every 30 seconds, whoever scrapes.
 */
@Singleton
class IncidentMeters {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final IncidentRepository incidents;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, List.of(), List.of());

    IncidentMeters(IncidentRepository incidents, MeterRegistry meters, Clock clock) {
        this.incidents = incidents;
        this.meters = meters;
        this.clock = clock;
    }

    /** What the figures were computed from, and when. */
    private record Snapshot(Instant at, List<Incident> open, List<Incident> recent) {
    }

    @EventListener
    void register(StartupEvent event) {
        for (Severity severity : Severity.values()) {
            gauge("opsline.incidents.open", "Open incidents", severity,
                    s -> s.open().stream().filter(i -> i.severity() == severity).count());
            gauge("opsline.incidents.mtta.seconds", "Mean time to acknowledge over the last 30 days", severity,
                    s -> seconds(IncidentSearch.mean(s.recent().stream().filter(i -> i.severity() == severity).map(Incident::timeToAcknowledge).toList())));
            gauge("opsline.incidents.mttr.seconds", "Mean time to resolve over the last 30 days", severity,
                    s -> seconds(IncidentSearch.mean(s.recent().stream().filter(i -> i.severity() == severity).map(Incident::timeToResolve).toList())));
        }
    }

    private void gauge(String name, String description, Severity severity, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, meters -> value.applyAsDouble(meters.current()))
                .description(description)
                .tag("severity", severity.name())
                .register(meters);
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot.at().plus(FRESH_FOR).isBefore(now)) {
            snapshot = new Snapshot(now, incidents.open(), incidents.declaredSince(now.minus(WINDOW), null));
        }
        return snapshot;
    }

    private static double seconds(Duration duration) {
        return duration == null ? Double.NaN : duration.toMillis() / 1000.0;
    }
}
