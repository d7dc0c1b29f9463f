package opsline.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an incident's timeline. Edits raise the version and keep the previous one as a
 * {@link TimelineEdit}; a redaction hides the body but keeps who redacted it and when.
 *
 * @param status    for a status update, the incident's status when it was posted
 * @param sourceKey for entries from outside (an alert, a check transition), what makes a redelivery add nothing
 */
@MappedEntity("timeline_entry")
public record TimelineEntry(
        @Id UUID id,
        UUID incidentId,
        EntryKind kind,
        String body,
        Visibility visibility,
        @Nullable IncidentStatus status,
        String author,
        Instant occurredAt,
        Instant createdAt,
        Instant updatedAt,
        int version,
        @Nullable Instant redactedAt,
        @Nullable String redactedBy,
        @Nullable String sourceKey) {

    public boolean redacted() {
        return redactedAt != null;
    }
}
