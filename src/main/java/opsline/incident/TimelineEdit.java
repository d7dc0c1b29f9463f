package opsline.incident;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A version a timeline entry had before it was edited or redacted. */
@MappedEntity("timeline_edit")
public record TimelineEdit(
        @Id @GeneratedValue Long id,
        UUID entryId,
        int version,
        String body,
        Instant occurredAt,
        String editedBy,
        Instant editedAt) {
}
