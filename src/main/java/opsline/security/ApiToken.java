package opsline.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A bearer token. Only the SHA-256 of its secret is kept, and a short hint to recognise it by.
 *
 * @param role the role requests with this token act with, never above its user's role
 */
@MappedEntity("api_token")
public record ApiToken(
        @Id UUID id,
        UUID userId,
        String name,
        Role role,
        byte[] secretHash,
        String secretHint,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The GraphQL field {@code hint}. */
    public String hint() {
        return secretHint;
    }
}
