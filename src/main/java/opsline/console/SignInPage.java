package opsline.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.system.PageRenderer;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in to the console and out of it. The sign-in form is protected against forgery by a token in
 * both a cookie and the form, which must agree; signing out is a form of the session.
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignInPage {

    private static final String FORM_COOKIE = "opsline_signin";

    private final ConsoleSessions sessions;
    private final Console console;
    private final PageRenderer pages;

    SignInPage(ConsoleSessions sessions, Console console, PageRenderer pages) {
        this.sessions = sessions;
        this.console = console;
        this.pages = pages;
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (sessions.current(request).isPresent()) {
            return HttpResponse.seeOther(URI.create(safe(next)));
        }
        return page(request, next, null, HttpStatus.OK);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> signIn(HttpRequest<?> request, @Nullable String name, @Nullable String password, @Nullable String next,
                           @Nullable String _csrf) {
        Optional<Cookie> formCookie = request.getCookies().findCookie(FORM_COOKIE);
        if (formCookie.isEmpty() || _csrf == null || !formCookie.get().getValue().equals(_csrf)) {
            return page(request, next, "This sign-in form has expired. Please sign in again.", HttpStatus.BAD_REQUEST);
        }
        Optional<Cookie> session = sessions.signIn(name, password, Console.secure(request));
        if (session.isEmpty()) {
            return page(request, next, "That name and password do not match an active user.", HttpStatus.UNAUTHORIZED);
        }
        return HttpResponse.seeOther(URI.create(safe(next))).cookie(session.get()).cookie(formCookie(request, "", Duration.ZERO));
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> signOut(HttpRequest<?> request, @Nullable String _csrf) {
        Optional<SignedIn> signedIn = sessions.current(request);
        if (signedIn.isPresent() && !ConsoleSessions.formTokenMatches(signedIn.get(), _csrf)) {
            return console.forgedForm(request);
        }
        return HttpResponse.seeOther(URI.create("/console/login")).cookie(sessions.signOut(request, Console.secure(request)));
    }

    private HttpResponse<?> page(HttpRequest<?> request, String next, String problem, HttpStatus status) {
        String token = ConsoleSessions.token();
        Map<String, Object> model = new HashMap<>();
        model.put("next", safe(next));
        model.put("csrf", token);
        model.put("problem", problem);
        return pages.page(status, "console/login", model, request)
                .cookie(formCookie(request, token, Duration.ofHours(1)))
                .header("Cache-Control", "no-store");
    }

    private static Cookie formCookie(HttpRequest<?> request, String value, Duration maxAge) {
        return Cookie.of(FORM_COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/console")
                .secure(Console.secure(request)).maxAge(maxAge);
    }

    /** Only console addresses: a sign-in link must not send people elsewhere. */
    private static String safe(String next) {
        return next != null && next.startsWith("/console") && !next.startsWith("//") ? next : "/console";
    }
}
