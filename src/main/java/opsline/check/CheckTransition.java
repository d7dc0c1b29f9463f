package opsline.check;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A change of a check's state, kept as a row of its own. */
@MappedEntity("check_transition")
public record CheckTransition(
        @Id Long id,
        UUID checkId,
        UUID serviceId,
        CheckState fromState,
        CheckState toState,
        String reason,
        Instant at) {
}
