package opsline.service;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A heading under which the status page lists services. */
@MappedEntity("service_group")
public record ServiceGroup(
        @Id UUID id,
        String name,
        int position,
        Instant createdAt,
        Instant updatedAt) {
}
