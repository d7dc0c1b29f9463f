package opsline.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Something going wrong: its number, severity and status, who may read it, where it came from, and
 * the times its response is measured by.
 *
 * @param sourceKey     an integration's deduplication key (Alertmanager's groupKey)
 * @param autoServiceId for an automatic incident, the service whose check declared it
 * @param startedAt     when the problem started; MTTA and MTTR count from here
 * @param mitigatedAt   when the incident first reached MONITORING
 */
@MappedEntity("incident")
public record Incident(
        @Id UUID id,
        @GeneratedValue Long number,
        String title,
        Severity severity,
        IncidentStatus status,
        Visibility visibility,
        IncidentSource source,
        @Nullable String sourceKey,
        @Nullable UUID autoServiceId,
        String declaredBy,
        Instant startedAt,
        Instant declaredAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant mitigatedAt,
        @Nullable Instant resolvedAt,
        @TypeDef(type = DataType.JSON) Postmortem postmortem,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PREFIX = "INC-";

    /** The human number, such as {@code INC-42}. */
    public String label() {
        return PREFIX + number;
    }

    public Duration timeToAcknowledge() {
        return acknowledgedAt == null ? null : Duration.between(startedAt, acknowledgedAt);
    }

    public Duration timeToResolve() {
        return resolvedAt == null ? null : Duration.between(startedAt, resolvedAt);
    }
}
