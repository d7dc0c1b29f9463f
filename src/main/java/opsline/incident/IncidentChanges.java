package opsline.incident;

import java.time.Instant;
import java.util.List;

/** What an update changes; null fields keep their value. {@code affected} replaces the whole list. */
public record IncidentChanges(String title, Severity severity, Visibility visibility, List<IncidentDraft.Affected> affected,
                              Instant startedAt, String message) {
}
