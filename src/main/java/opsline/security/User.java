package opsline.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A person or machine that acts on Opsline through API tokens. */
@MappedEntity("app_user")
public record User(
        @Id UUID id,
        String name,
        Role role,
        Instant createdAt,
        @Nullable Instant deactivatedAt,
        @Nullable String passwordHash) {

    public boolean active() {
        return deactivatedAt == null;
    }

    /** Whether the user can sign in to the console. */
    public boolean hasPassword() {
        return passwordHash != null;
    }
}
