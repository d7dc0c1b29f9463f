package opsline.console;

import opsline.Api;
import opsline.TestAccounts;
import opsline.security.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a browser without JavaScript uses it, over real HTTP/1.1: it keeps cookies, does not
 * follow redirects by itself (tests look at them), and fills and submits the forms of a page the way the
 * page wrote them, hidden anti-forgery token included. Not a real browser: no scripts, no SameSite rules.
 */
public final class ConsoleBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What Chromium asks for when it loads a page. */
    private static final String ACCEPT_PAGES = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public ConsoleBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A browser signed in as this user: fails the test unless the sign-in form accepts the name and password. */
    public static ConsoleBrowser signedIn(URI base, String name, String password) {
        ConsoleBrowser browser = new ConsoleBrowser(base);
        Page answer = browser.signIn(name, password);
        assertThat(answer.status()).as("signing in as %s: %s", name, answer).isEqualTo(303);
        return browser;
    }

    /** A browser signed in as a new user of this role. */
    public static ConsoleBrowser signedInAs(Role role, Api api, TestAccounts accounts) {
        String password = "correct horse battery staple";
        return signedIn(api.uri("/"), accounts.userWithPassword(role, password), password);
    }

    /** Fills in and submits the sign-in form; the answer, not followed. */
    public Page signIn(String name, String password) {
        return get("/console/login").form("form[action=/console/login]").set("name", name).set("password", password).submit();
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", ACCEPT_PAGES).GET());
    }

    /** Posts these fields as a form, whatever the pages say: for forged and hand-made requests. */
    public Page post(String path, Map<String, String> fields) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(fields.entrySet());
        return post(base.resolve(path), pairs);
    }

    /** Follows the redirect this answer is. */
    public Page follow(Page redirect) {
        assertThat(redirect.status()).as("a redirect: %s", redirect).isBetween(300, 399);
        return get(redirect.location());
    }

    /** A cookie's value as this browser holds it. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(base).stream().filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Puts a cookie in the jar, as a browser that kept an old cookie would. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    /** The session cookie's value, failing when there is none. */
    public String sessionCookie() {
        return cookie(ConsoleSessions.COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
    }

    /** Opens a long-lived GET, such as a server-sent event stream, and returns as soon as the headers arrive. */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private Page post(URI uri, List<Map.Entry<String, String>> fields) {
        String body = fields.stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Accept", ACCEPT_PAGES)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Page(this, built.uri(), response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One answer: its status, headers and body, and the body as a page when it is one. */
    public record Page(ConsoleBrowser browser, URI uri, int status, Map<String, List<String>> headers, String body) {

        public Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        public String location() {
            return header("Location");
        }

        public String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).toList();
        }

        /** The Set-Cookie header that sets this cookie, or null. */
        public String setCookie(String cookieName) {
            return headers("Set-Cookie").stream().filter(header -> header.startsWith(cookieName + "=")).findFirst().orElse(null);
        }

        /** The text of the page's problem messages (refused forms). */
        public String problems() {
            return document().select(".form-problem").text();
        }

        /** The page's first form matching the CSS selector, filled as the page filled it. */
        public Form form(String selector) {
            Element form = document().selectFirst(selector);
            assertThat(form).as("a form %s on %s: %s", selector, uri, this).isNotNull();
            return Form.of(browser, form);
        }

        @Override
        public String toString() {
            return status + " " + uri + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    /** A form's fields as a browser would send them; set, check and uncheck change them before submitting. */
    public static final class Form {

        private final ConsoleBrowser browser;
        private final URI action;
        private final Map<String, List<String>> fields = new LinkedHashMap<>();

        private Form(ConsoleBrowser browser, URI action) {
            this.browser = browser;
            this.action = action;
        }

        static Form of(ConsoleBrowser browser, Element form) {
            Form filled = new Form(browser, URI.create(form.absUrl("action")));
            for (Element field : form.select("input[name], textarea[name], select[name]")) {
                String type = field.attr("type");
                if (field.tagName().equals("textarea")) {
                    filled.add(field.attr("name"), field.wholeText());
                } else if (field.tagName().equals("select")) {
                    Element chosen = Optional.ofNullable(field.selectFirst("option[selected]")).orElse(field.selectFirst("option"));
                    if (chosen != null) {
                        filled.add(field.attr("name"), chosen.hasAttr("value") ? chosen.attr("value") : chosen.text());
                    }
                } else if (!(type.equals("checkbox") || type.equals("radio")) || field.hasAttr("checked")) {
                    filled.add(field.attr("name"), field.hasAttr("value") ? field.attr("value") : type.equals("checkbox") ? "on" : "");
                }
            }
            return filled;
        }

        /** Sets a field to one value, as typing into it or choosing a radio button or option would. */
        public Form set(String name, String value) {
            fields.put(name, new ArrayList<>(List.of(value)));
            return this;
        }

        /** Ticks one more checkbox of this name. */
        public Form check(String name, String value) {
            return add(name, value);
        }

        public Form remove(String name) {
            fields.remove(name);
            return this;
        }

        public String value(String name) {
            List<String> values = fields.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public Page submit() {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            fields.forEach((name, values) -> values.forEach(value -> pairs.add(Map.entry(name, value))));
            return browser.post(action, pairs);
        }

        private Form add(String name, String value) {
            fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }
    }
}
