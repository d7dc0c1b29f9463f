package opsline.console;

import graphql.GraphQLError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import opsline.graphql.PageQuery;
import opsline.system.PageRenderer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every console page and form shares: the signed-in user, the GraphQL documents under
 * {@code views/console/} run as that user, and rendering with the console's header.
 */
@Singleton
public class Console {

    private final ConsoleSessions sessions;
    private final PageQuery documents;
    private final PageRenderer pages;

    public Console(ConsoleSessions sessions, PageQuery documents, PageRenderer pages) {
        this.sessions = sessions;
        this.documents = documents;
        this.pages = pages;
    }

    public Optional<SignedIn> signedIn(HttpRequest<?> request) {
        return sessions.current(request);
    }

    /** Where an anonymous visitor of a console page goes: the sign-in form, and back afterwards. */
    public HttpResponse<?> toSignIn(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/console/login?next=" + URLEncoder.encode(request.getPath(), StandardCharsets.UTF_8)));
    }

    /** A page's data: the query {@code views/console/<page>.graphql} run as the signed-in user. */
    public Map<String, Object> query(String page, SignedIn signedIn, Map<String, Object> variables, HttpRequest<?> request) {
        return documents.run("console/" + page, signedIn.viewer(), variables, request).dataOrThrow(page);
    }

    /**
     * A form's mutation, {@code views/console/<form>.graphql}, run as the signed-in user.
     *
     * @return the mutation's payload and what refused it (user errors, or an error such as a missing role)
     */
    public Submitted submit(String form, SignedIn signedIn, Map<String, Object> variables, HttpRequest<?> request) {
        PageQuery.Result result = documents.run("console/" + form, signedIn.viewer(), variables, request);
        if (!result.errors().isEmpty()) {
            return new Submitted(Map.of(), result.errors().stream().map(GraphQLError::getMessage).toList());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) result.data().values().iterator().next();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> userErrors = (List<Map<String, Object>>) payload.getOrDefault("userErrors", List.of());
        return new Submitted(payload, userErrors.stream().map(error -> (String) error.get("message")).toList());
    }

    /** A form's outcome: its payload, and the problems to show when it was refused. */
    public record Submitted(Map<String, Object> payload, List<String> problems) {

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    /** A console page: the view with its data, the user, and the token its forms carry. */
    public HttpResponse<?> render(String view, Map<String, Object> data, SignedIn signedIn, HttpStatus status) {
        Map<String, Object> model = new HashMap<>(data);
        model.put("console", Map.of("user", signedIn.viewer().name(), "role", String.valueOf(signedIn.viewer().role()),
                "csrf", signedIn.csrfToken()));
        return pages.page(status, "console/" + view, model, null).header("Cache-Control", "no-store");
    }

    /** A form whose anti-forgery token does not match the session: refused, saying how to carry on. */
    public HttpResponse<?> forgedForm(HttpRequest<?> request) {
        return pages.page(HttpStatus.FORBIDDEN, "error", Map.of("heading", "Form refused",
                "message", "This form did not come from your console session (its token does not match). "
                        + "Reload the page and try again."), request).header("Cache-Control", "no-store");
    }

    /** Whether the browser reached Opsline over HTTPS (directly or through a proxy): cookies are then Secure. */
    public static boolean secure(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    /** Problems for a refused form, shown next to it. */
    public static Map<String, Object> problems(String form, List<String> messages) {
        return Map.of("problems", Map.of(form, messages));
    }
}
