package opsline.incident;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The response targets of each severity, and whether an incident meets them. */
@Singleton
public class SeverityPolicy {

    /** A response target, as the API names it. */
    public enum Target {
        ACKNOWLEDGE,
        RESOLVE
    }

    /** A severity's targets. */
    public record Targets(Severity severity, Duration acknowledgeWithin, Duration resolveWithin) {
    }

    private final IncidentConfiguration configuration;

    public SeverityPolicy(IncidentConfiguration configuration) {
        this.configuration = configuration;
    }

    public Targets of(Severity severity) {
        return switch (severity) {
            case P1 -> new Targets(severity, configuration.p1Acknowledge(), configuration.p1Resolve());
            case P2 -> new Targets(severity, configuration.p2Acknowledge(), configuration.p2Resolve());
            case P3 -> new Targets(severity, configuration.p3Acknowledge(), configuration.p3Resolve());
            case P4 -> new Targets(severity, configuration.p4Acknowledge(), configuration.p4Resolve());
        };
    }

    public List<Targets> all() {
        return List.of(of(Severity.P1), of(Severity.P2), of(Severity.P3), of(Severity.P4));
    }

    public Instant acknowledgeBy(Incident incident) {
        return incident.startedAt().plus(of(incident.severity()).acknowledgeWithin());
    }

    public Instant resolveBy(Incident incident) {
        return incident.startedAt().plus(of(incident.severity()).resolveWithin());
    }

    /** The targets missed: done too late, or not done and already due. */
    public List<Target> breaches(Incident incident, Instant now) {
        List<Target> missed = new ArrayList<>();
        if (late(incident.acknowledgedAt(), acknowledgeBy(incident), now)) {
            missed.add(Target.ACKNOWLEDGE);
        }
        if (late(incident.resolvedAt(), resolveBy(incident), now)) {
            missed.add(Target.RESOLVE);
        }
        return missed;
    }

    private static boolean late(Instant done, Instant due, Instant now) {
        return (done == null ? now : done).isAfter(due);
    }
}
