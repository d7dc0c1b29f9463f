package opsline.incident;

import opsline.Api;
import opsline.Json;
import opsline.TestAccounts;
import opsline.security.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a person's browser uses it: signed in through the form (the form's CSRF cookie and
 * field, then name and password), carrying the cookies it was given on every request.
 */
final class ConsoleBrowser {

    private static final String PASSWORD = "correct horse battery staple";

    private final Api api;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private ConsoleBrowser(Api api) {
        this.api = api;
    }

    /** A browser signed in as a new user of this role; fails the test unless signing in works. */
    static ConsoleBrowser signIn(Api api, TestAccounts accounts, Role role) {
        String name = accounts.userWithPassword(role, PASSWORD);
        ConsoleBrowser browser = new ConsoleBrowser(api);
        Json form = browser.get("/console/login");
        assertThat(form.status()).as("GET /console/login").isEqualTo(200);
        String csrf = Jsoup.parse(form.body()).select("form input[name=_csrf]").attr("value");
        assertThat(csrf).as("the sign-in form's token").isNotBlank();

        Json signedIn = browser.post("/console/login", Map.of("_csrf", csrf, "name", name, "password", PASSWORD, "next", "/console"));

        assertThat(signedIn.status()).as("POST /console/login: %s", signedIn).isEqualTo(303);
        assertThat(browser.cookies).as("cookies after signing in").containsKey("opsline_session");
        return browser;
    }

    Json get(String path) {
        return send(HttpRequest.newBuilder(api.uri(path)).GET());
    }

    /** The page, parsed; fails unless it is answered 200. */
    Document page(String path) {
        Json response = get(path);
        assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri(path).toString());
    }

    Json post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Json send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        Json response = api.send(request.build());
        keepCookies(response);
        return response;
    }

    private void keepCookies(Json response) {
        response.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Set-Cookie"))
                .map(Map.Entry::getValue)
                .flatMap(List::stream)
                .forEach(setCookie -> {
                    String pair = setCookie.split(";", 2)[0];
                    int equals = pair.indexOf('=');
                    String name = pair.substring(0, equals).trim();
                    String value = pair.substring(equals + 1).trim();
                    boolean expired = value.isEmpty() || setCookie.toLowerCase().contains("max-age=0");
                    if (expired) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
