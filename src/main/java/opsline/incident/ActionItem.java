package opsline.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Follow-up work from a post-mortem. */
@MappedEntity("action_item")
public record ActionItem(
        @Id UUID id,
        UUID incidentId,
        String title,
        @Nullable String owner,
        @Nullable LocalDate dueOn,
        Instant createdAt,
        String createdBy,
        @Nullable Instant doneAt,
        @Nullable String doneBy) {

    public boolean done() {
        return doneAt != null;
    }
}
