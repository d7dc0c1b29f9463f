package opsline.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.graphql.PageQuery;
import opsline.security.Authenticator;
import opsline.security.InvalidCredentials;
import opsline.security.Viewer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /incidents/{number}/postmortem.md}: the post-mortem as a Markdown document with the whole
 * timeline (oldest first), for the wiki or the review meeting. For signed-in viewers: a console session
 * or an API token.
 */
@Controller("/incidents/{number}/postmortem.md")
@ExecuteOn(TaskExecutors.BLOCKING)
class PostmortemExport {

    private final Console console;
    private final Authenticator authenticator;
    private final PageQuery pageQuery;

    PostmortemExport(Console console, Authenticator authenticator, PageQuery pageQuery) {
        this.console = console;
        this.authenticator = authenticator;
        this.pageQuery = pageQuery;
    }

    @Get(produces = "text/markdown")
    HttpResponse<?> export(String number, HttpRequest<?> request) {
        Optional<Viewer> viewer = viewer(request);
        if (viewer.isEmpty() || viewer.get().isAnonymous()) {
            return HttpResponse.unauthorized().body("Sign in to the console, or send an API token, to read post-mortems.");
        }
        Map<String, Object> data = pageQuery.run("postmortem", viewer.get(), Map.of("number", number), request).dataOrThrow("postmortem");
        @SuppressWarnings("unchecked")
        Map<String, Object> incident = (Map<String, Object>) data.get("incident");
        if (incident == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(markdown(incident)).contentType("text/markdown;charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + incident.get("number") + "-postmortem.md\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private Optional<Viewer> viewer(HttpRequest<?> request) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isPresent()) {
            return Optional.of(signedIn.get().viewer());
        }
        try {
            return Optional.of(authenticator.viewerFor(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
        } catch (InvalidCredentials invalid) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> incident) {
        Map<String, Object> postmortem = (Map<String, Object>) incident.get("postmortem");
        StringBuilder out = new StringBuilder();
        out.append("# ").append(incident.get("number")).append(": ").append(incident.get("title")).append("\n\n");
        out.append("| | |\n|---|---|\n");
        row(out, "Severity", incident.get("severity"));
        row(out, "Status", incident.get("status"));
        row(out, "Visibility", incident.get("visibility"));
        row(out, "Started", incident.get("startedAt"));
        row(out, "Acknowledged", orDash(incident.get("acknowledgedAt")) + " (" + orDash(incident.get("timeToAcknowledge")) + ")");
        row(out, "Mitigated", orDash(incident.get("mitigatedAt")));
        row(out, "Resolved", orDash(incident.get("resolvedAt")) + " (" + orDash(incident.get("timeToResolve")) + ")");
        row(out, "Targets missed", ((List<?>) incident.get("breaches")).isEmpty() ? "none" : incident.get("breaches"));
        List<String> affected = new ArrayList<>();
        ((List<Map<String, Object>>) incident.get("affectedServices")).forEach(a ->
                affected.add(((Map<String, Object>) a.get("service")).get("name") + " (" + a.get("impact") + ")"));
        row(out, "Affected", affected.isEmpty() ? "none" : String.join(", ", affected));
        List<String> roles = new ArrayList<>();
        ((List<Map<String, Object>>) incident.get("roles")).forEach(r -> roles.add(r.get("role") + ": " + r.get("assignee")));
        row(out, "Roles", roles.isEmpty() ? "none" : String.join(", ", roles));
        section(out, "Summary", postmortem.get("summary"));
        section(out, "Impact", postmortem.get("impact"));
        section(out, "Root cause", postmortem.get("rootCause"));
        section(out, "What went well", postmortem.get("wentWell"));
        section(out, "What went wrong", postmortem.get("wentWrong"));
        out.append("## Action items\n\n");
        List<Map<String, Object>> items = (List<Map<String, Object>>) incident.get("actionItems");
        if (items.isEmpty()) {
            out.append("None.\n");
        }
        items.forEach(item -> out.append("- [").append(Boolean.TRUE.equals(item.get("done")) ? "x" : " ").append("] ")
                .append(item.get("title")).append(item.get("owner") == null ? "" : " — " + item.get("owner"))
                .append(item.get("dueOn") == null ? "" : ", due " + item.get("dueOn")).append("\n"));
        out.append("\n## Timeline\n\n");
        List<Map<String, Object>> entries = new ArrayList<>(((Map<String, List<Map<String, Object>>>) incident.get("timeline")).get("edges")
                .stream().map(edge -> (Map<String, Object>) edge.get("node")).toList());
        Collections.reverse(entries);
        for (Map<String, Object> entry : entries) {
            String body = Boolean.TRUE.equals(entry.get("redacted")) ? "_(redacted)_" : String.valueOf(entry.get("body")).replace("\n", "\n  ");
            out.append("- **").append(entry.get("occurredAt")).append("** ").append(entry.get("kind"))
                    .append("INTERNAL".equals(entry.get("visibility")) ? " (internal)" : "")
                    .append(", ").append(((Map<String, Object>) entry.get("author")).get("name")).append(": ").append(body).append("\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static void section(StringBuilder out, String title, Object text) {
        out.append("\n## ").append(title).append("\n\n").append(text == null || text.toString().isBlank() ? "_Not written yet._" : text).append("\n\n");
    }

    private static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }
}
