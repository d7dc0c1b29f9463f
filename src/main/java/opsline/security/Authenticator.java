package opsline.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;

/** Turns a request's {@code Authorization} header into its viewer. */
@Singleton
public class Authenticator {

    private static final String BEARER = "bearer ";

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Clock clock;

    public Authenticator(ApiTokenRepository tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    /**
     * The viewer for a header value: anonymous when there is none.
     *
     * @throws InvalidCredentials when a header is present but names no active token
     */
    public Viewer viewerFor(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Viewer.ANONYMOUS;
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new InvalidCredentials("Opsline accepts API tokens only, as 'Authorization: Bearer <token>'.");
        }
        String secret = authorization.substring(BEARER.length()).trim();
        ApiToken token = tokens.findBySecretHash(TokenSecrets.hash(secret))
                .filter(found -> !found.revoked())
                .orElseThrow(() -> new InvalidCredentials("The API token is unknown or has been revoked."));
        User user = users.findById(token.userId())
                .filter(User::active)
                .orElseThrow(() -> new InvalidCredentials("The API token's user has been deactivated."));
        tokens.touch(token.id(), clock.instant());
        return new Viewer(user.id(), user.name(), token.role().capTo(user.role()), token.id());
    }
}
