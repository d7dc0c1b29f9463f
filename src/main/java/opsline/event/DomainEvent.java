package opsline.event;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.Map;

/**
 * A state change, written in the transaction that made it.
 *
 * @param tx      the writing transaction's id, assigned by PostgreSQL
 * @param kind    what changed, as {@code feature.change}, for example {@code service.updated}
 * @param subject what it changed, for example a service's slug
 */
@MappedEntity("domain_event")
public record DomainEvent(
        @Id @GeneratedValue Long id,
        @GeneratedValue Long tx,
        Instant occurredAt,
        String kind,
        String subject,
        @TypeDef(type = DataType.JSON) Map<String, Object> payload) {
}
