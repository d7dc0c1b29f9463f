package opsline.console;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A signed-in browser. Only the hash of its cookie's secret is kept. */
@MappedEntity("console_session")
public record ConsoleSession(
        @Id byte[] idHash,
        UUID userId,
        String csrfToken,
        Instant createdAt,
        Instant expiresAt) {
}
