package opsline.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.security.Accounts;
import opsline.security.User;
import opsline.security.Viewer;
import opsline.system.PeriodicJob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Console sign-in: a random session secret in an HttpOnly, SameSite=Lax cookie, kept in the database as a
 * hash (any instance can read it; a stolen database holds no usable session), with an anti-forgery token
 * every form must echo. Sessions last 12 hours.
 */
@Singleton
public class ConsoleSessions implements PeriodicJob {

    static final String COOKIE = "opsline_session";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleSessionRepository sessions;
    private final Accounts accounts;
    private final Clock clock;

    public ConsoleSessions(ConsoleSessionRepository sessions, Accounts accounts, Clock clock) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The signed-in user of a request, if its cookie names a live session of an active user. */
    public Optional<SignedIn> current(HttpRequest<?> request) {
        Optional<Cookie> cookie = request.getCookies().findCookie(COOKIE);
        if (cookie.isEmpty() || cookie.get().getValue().isBlank()) {
            return Optional.empty();
        }
        return sessions.findLive(hash(cookie.get().getValue()), clock.instant()).flatMap(session ->
                accounts.usersById(List.of(session.userId())).stream().filter(User::active).findFirst()
                        .map(user -> new SignedIn(new Viewer(user.id(), user.name(), user.role(), null), session.csrfToken())));
    }

    /** Signs in with name and password; the cookie to set, or empty when they do not match an active user. */
    @Transactional
    public Optional<Cookie> signIn(String name, String password, boolean secure) {
        Optional<User> user = accounts.signIn(name, password);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String secret = token();
        Instant now = clock.instant();
        sessions.save(new ConsoleSession(hash(secret), user.get().id(), token(), now, now.plus(LIFETIME)));
        return Optional.of(cookie(secret, LIFETIME, secure));
    }

    /** Ends the request's session; the cookie that clears it in the browser. */
    @Transactional
    public Cookie signOut(HttpRequest<?> request, boolean secure) {
        request.getCookies().findCookie(COOKIE).ifPresent(cookie -> sessions.deleteByHash(hash(cookie.getValue())));
        return cookie("", Duration.ZERO, secure);
    }

    /** Whether a form's token is the session's (compared in constant time). */
    public static boolean formTokenMatches(SignedIn signedIn, String formToken) {
        return formToken != null && MessageDigest.isEqual(signedIn.csrfToken().getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8));
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Cookie cookie(String value, Duration maxAge, boolean secure) {
        return Cookie.of(COOKIE, value).httpOnly(true).sameSite(SameSite.Lax).path("/").secure(secure).maxAge(maxAge);
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String name() {
        return "console-session-expiry";
    }

    @Override
    public Duration period() {
        return Duration.ofHours(1);
    }

    @Override
    @Transactional
    public void run() {
        sessions.deleteExpired(clock.instant());
    }
}
