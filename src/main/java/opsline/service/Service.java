package opsline.service;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A part of the system with a status of its own. The status itself is not stored: it is derived from
 * signals (see {@link ServiceStatuses}); only a human's override is.
 *
 * @param autoIncidents whether a check going DOWN declares an incident by itself
 */
@MappedEntity("service")
public record Service(
        @Id UUID id,
        String slug,
        String name,
        String description,
        @Nullable UUID groupId,
        int position,
        boolean isPublic,
        @Nullable String owner,
        @TypeDef(type = DataType.JSON) List<Link> links,
        @Nullable ServiceStatus overrideStatus,
        @Nullable String overrideReason,
        @Nullable String overrideBy,
        @Nullable Instant overrideAt,
        boolean autoIncidents,
        Instant createdAt,
        Instant updatedAt) {

    /** The manual override in force, or null. */
    public StatusOverride statusOverride() {
        return overrideStatus == null ? null : new StatusOverride(overrideStatus, overrideReason, overrideBy, overrideAt);
    }

    Service withOverride(StatusOverride override, Instant now) {
        return new Service(id, slug, name, description, groupId, position, isPublic, owner, links,
                override == null ? null : override.status(),
                override == null ? null : override.reason(),
                override == null ? null : override.setBy(),
                override == null ? null : override.setAt(),
                autoIncidents, createdAt, now);
    }
}
