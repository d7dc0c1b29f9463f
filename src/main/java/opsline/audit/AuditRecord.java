package opsline.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import opsline.security.Role;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One mutation as it ran.
 *
 * @param actor     a user's name, {@code anonymous} or {@code system}
 * @param arguments the mutation's arguments with secrets replaced
 */
@MappedEntity("audit_record")
public record AuditRecord(
        @Id @GeneratedValue Long id,
        Instant occurredAt,
        String actor,
        @Nullable Role actorRole,
        @Nullable UUID tokenId,
        String operation,
        @TypeDef(type = DataType.JSON) Map<String, Object> arguments,
        AuditOutcome outcome,
        @Nullable String message) {
}
