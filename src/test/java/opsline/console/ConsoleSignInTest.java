package opsline.console;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.ApiTest;
import opsline.Json;
import opsline.console.ConsoleBrowser.Page;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the console and out of it, over real HTTP, as a browser without JavaScript would. */
@MicronautTest(transactional = false)
class ConsoleSignInTest extends ApiTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SIGNIN_COOKIE = "opsline_signin";

    @Inject
    EmbeddedServer server;

    private String name;
    private ConsoleBrowser browser;

    @BeforeEach
    void aResponderWithAPassword() {
        name = accounts.userWithPassword(Role.RESPONDER, PASSWORD);
        browser = new ConsoleBrowser(server.getURI());
    }

    @Test
    void signedOut_consolePagesRedirectToTheSignInForm_rememberingWhereTheyWereGoing() {
        Page home = browser.get("/console");
        Page declare = browser.get("/console/incidents/new");

        assertThat(home.status()).isEqualTo(303);
        assertThat(home.location()).isEqualTo("/console/login?next=%2Fconsole");
        assertThat(declare.status()).isEqualTo(303);
        assertThat(declare.location()).isEqualTo("/console/login?next=%2Fconsole%2Fincidents%2Fnew");
    }

    @Test
    void signInForm_carriesAnAntiForgeryToken_inTheFormAndAnHttpOnlyCookie() {
        Page form = browser.get("/console/login");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Cache-Control")).isEqualTo("no-store");
        String token = form.document().select("form[action=/console/login] input[name=_csrf]").val();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(browser.cookie(SIGNIN_COOKIE)).contains(token);
        assertThat(form.setCookie(SIGNIN_COOKIE)).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(browser.get("/console/login").document().select("input[name=_csrf]").val())
                .as("each form gets a fresh token").isNotEqualTo(token);
    }

    @Test
    void wrongPasswordAndUnknownUser_redisplayTheFormWithTheSameProblem_andSetNoSession() {
        Page wrongPassword = browser.signIn(name, "not the password");
        Page unknownUser = new ConsoleBrowser(server.getURI()).signIn("nobody-" + name, PASSWORD);

        for (Page refused : List.of(wrongPassword, unknownUser)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
            assertThat(refused.document().select("form[action=/console/login] input[name=password]")).hasSize(1);
            assertThat(refused.setCookie(ConsoleSessions.COOKIE)).isNull();
        }
        assertThat(wrongPassword.problems()).isEqualTo("That name and password do not match an active user.");
        assertThat(unknownUser.problems()).as("the same words, so names cannot be guessed").isEqualTo(wrongPassword.problems());
        assertThat(browser.get("/console").status()).isEqualTo(303);
    }

    @Test
    void rightPassword_setsAnHttpOnlySameSiteSessionCookie_andRedirectsToTheConsole() {
        Page signedIn = browser.signIn(name, PASSWORD);

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/console");
        String cookie = signedIn.setCookie(ConsoleSessions.COOKIE);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        assertThat(cookie).as("not Secure over plain HTTP").doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
        Page home = browser.follow(signedIn);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.document().select(".console-header form").text()).contains(name + " (RESPONDER)");
    }

    @Test
    void signIn_returnsToTheConsolePageAskedFor_butNeverToAnotherSite() {
        String next = browser.get("/console/incidents/new").location();
        Page toDeclare = browser.get(next).form("form[action=/console/login]").set("name", name).set("password", PASSWORD).submit();
        ConsoleBrowser other = new ConsoleBrowser(server.getURI());
        Page elsewhere = other.get("/console/login?next=//evil.example/console").form("form[action=/console/login]")
                .set("name", name).set("password", PASSWORD).submit();

        assertThat(toDeclare.location()).isEqualTo("/console/incidents/new");
        assertThat(elsewhere.location()).isEqualTo("/console");
    }

    @Test
    void signIn_withoutOrWithAWrongFormToken_isRefused_andStartsNoSession() {
        Page form = browser.get("/console/login");
        String token = form.document().select("input[name=_csrf]").val();

        Page withoutToken = browser.post("/console/login", Map.of("name", name, "password", PASSWORD));
        Page wrongToken = browser.post("/console/login", Map.of("name", name, "password", PASSWORD, "_csrf", token + "x"));
        ConsoleBrowser withoutCookie = new ConsoleBrowser(server.getURI());
        Page tokenWithoutCookie = withoutCookie.post("/console/login", Map.of("name", name, "password", PASSWORD, "_csrf", token));

        for (Page refused : List.of(withoutToken, wrongToken, tokenWithoutCookie)) {
            // The sign-in form answers 400 "expired" (not 403): there is no session yet whose token could be wrong.
            assertThat(refused.status()).as("%s", refused).isEqualTo(400);
            assertThat(refused.problems()).isEqualTo("This sign-in form has expired. Please sign in again.");
            assertThat(refused.setCookie(ConsoleSessions.COOKIE)).isNull();
        }
        assertThat(browser.get("/console").status()).isEqualTo(303);
        assertThat(withoutCookie.get("/console").status()).isEqualTo(303);
    }

    @Test
    void consoleForm_withoutOrWithAWrongToken_isRefusedWith403_andChangesNothing() {
        browser = ConsoleBrowser.signedIn(server.getURI(), name, PASSWORD);
        String admin = accounts.tokenFor(Role.ADMIN);

        Page withoutToken = browser.post("/console/incidents", Map.of("title", "Forged", "severity", "P1"));
        Page wrongToken = browser.post("/console/incidents", Map.of("title", "Forged", "severity", "P1", "_csrf", "guessed"));

        for (Page refused : List.of(withoutToken, wrongToken)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(403);
            assertThat(refused.body()).contains("did not come from your console session");
        }
        Json incidents = api.graphql("{ incidents(first: 10) { totalCount } }", Map.of(), admin);
        assertThat(incidents.<Integer>read("$.data.incidents.totalCount")).isZero();
    }

    @Test
    void signOut_endsTheSession_soTheOldCookieNoLongerWorks() {
        browser = ConsoleBrowser.signedIn(server.getURI(), name, PASSWORD);
        String oldCookie = browser.sessionCookie();
        Page home = browser.get("/console");

        Page forged = browser.post("/console/logout", Map.of("_csrf", "guessed"));
        assertThat(forged.status()).as("sign-out needs the session's token").isEqualTo(403);
        assertThat(browser.get("/console").status()).isEqualTo(200);

        Page signedOut = home.form("form[action=/console/logout]").submit();

        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.location()).isEqualTo("/console/login");
        assertThat(browser.cookie(ConsoleSessions.COOKIE)).as("the browser is told to forget the cookie").isEmpty();
        ConsoleBrowser keptTheCookie = new ConsoleBrowser(server.getURI());
        keptTheCookie.setCookie(ConsoleSessions.COOKIE, oldCookie);
        assertThat(keptTheCookie.get("/console").status()).isEqualTo(303);
    }

    @Test
    void deactivatedUser_isSignedOutOfTheConsole_andCannotSignInAgain() {
        browser = ConsoleBrowser.signedIn(server.getURI(), name, PASSWORD);
        assertThat(browser.get("/console").status()).isEqualTo(200);
        String admin = accounts.tokenFor(Role.ADMIN);

        Json deactivated = api.run("access-deactivateUser", Map.of("input", Map.of("user", name)), admin);
        assertThat(deactivated.<List<?>>read("$.data.deactivateUser.userErrors")).isEmpty();

        assertThat(browser.get("/console").status()).isEqualTo(303);
        assertThat(new ConsoleBrowser(server.getURI()).signIn(name, PASSWORD).status()).isEqualTo(401);
    }
}
