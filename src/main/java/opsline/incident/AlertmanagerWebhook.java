package opsline.incident;

import graphql.GraphQLError;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.graphql.ViewerContextCustomizer;
import opsline.security.Authenticator;
import opsline.security.InvalidCredentials;
import opsline.security.Viewer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/alerts/alertmanager}: Alertmanager's webhook receiver. It runs the
 * {@code receiveAlertmanagerAlerts} mutation with the bearer token's viewer, so the intake is audited
 * like any mutation; a malformed payload is a 400 that says what is wrong.
 * Configure it in alertmanager.yml as a webhook_config with {@code http_config.authorization.credentials}.
 */
@Controller("/api/v1/alerts/alertmanager")
@ExecuteOn(TaskExecutors.BLOCKING)
class AlertmanagerWebhook {

    private static final String MUTATION = """
            mutation Alertmanager($payload: JSON!) {
              receiveAlertmanagerAlerts(input: {payload: $payload}) {
                incident { number status }
                created
                entriesAdded
                userErrors { field message code }
              }
            }""";
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final GraphQLInvocation invocation;
    private final Authenticator authenticator;
    private final JsonMapper json;

    AlertmanagerWebhook(GraphQLInvocation invocation, Authenticator authenticator, JsonMapper json) {
        this.invocation = invocation;
        this.authenticator = authenticator;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Viewer viewer;
        try {
            viewer = authenticator.viewerFor(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        } catch (InvalidCredentials invalid) {
            return error(HttpStatus.UNAUTHORIZED, invalid.getMessage());
        }
        if (viewer.isAnonymous()) {
            return error(HttpStatus.UNAUTHORIZED, "Send an API token with the RESPONDER role as 'Authorization: Bearer <token>'.");
        }
        Map<String, Object> payload;
        try {
            payload = body == null ? null : json.readValue(new String(body, StandardCharsets.UTF_8), MAP);
        } catch (IOException | RuntimeException e) {
            payload = null;
        }
        if (payload == null) {
            return error(HttpStatus.BAD_REQUEST, "The body is not a JSON object; expected Alertmanager's webhook payload.");
        }
        request.setAttribute(ViewerContextCustomizer.VIEWER_ATTRIBUTE, viewer);
        var result = Mono.from(invocation.invoke(new GraphQLInvocationData(MUTATION, null, Map.of("payload", payload)), request, null)).block();
        if (!result.getErrors().isEmpty()) {
            GraphQLError refused = result.getErrors().get(0);
            return error(statusOf(refused), refused.getMessage());
        }
        Map<String, Object> answer = result.<Map<String, Map<String, Object>>>getData().get("receiveAlertmanagerAlerts");
        List<?> problems = (List<?>) answer.get("userErrors");
        return problems.isEmpty() ? HttpResponse.ok(answer) : HttpResponse.badRequest(Map.of("errors", problems));
    }

    /** A refusal is 403; anything else went wrong on our side and carries the log's reference in its message. */
    private static HttpStatus statusOf(GraphQLError error) {
        Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
        return "FORBIDDEN".equals(code) || "UNAUTHENTICATED".equals(code) ? HttpStatus.FORBIDDEN : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static HttpResponse<?> error(HttpStatus status, String message) {
        return HttpResponse.status(status).body(Map.of("errors", List.of(Map.of("message", message))));
    }
}
