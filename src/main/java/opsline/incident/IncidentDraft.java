package opsline.incident;

import opsline.service.ServiceStatus;

import java.time.Instant;
import java.util.List;

/**
 * A new incident as its declarer describes it.
 *
 * @param affected the affected services by slug, each with its impact (null: the severity's default)
 * @param startedAt when the problem started, or null for now
 */
public record IncidentDraft(String title, Severity severity, List<Affected> affected, Visibility visibility, String message,
                            Instant startedAt) {

    /** An affected service by slug, and the impact the incident gives it. */
    public record Affected(String service, ServiceStatus impact) {
    }

    public IncidentDraft {
        affected = affected == null ? List.of() : List.copyOf(affected);
    }
}
