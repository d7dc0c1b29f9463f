package opsline.graphql;

import graphql.ExecutionResult;
import graphql.execution.UnknownOperationException;
import graphql.language.OperationDefinition;
import io.micronaut.configuration.graphql.GraphQLController;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.security.Authenticator;
import opsline.security.InvalidCredentials;
import opsline.security.Viewer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /graphql} as the GraphQL-over-HTTP specification has it: GET for queries, POST for anything,
 * {@code application/graphql-response+json} or {@code application/json} as the client accepts, and
 * status codes that tell a malformed request from a GraphQL error.
 */
@Controller("/graphql")
@Replaces(GraphQLController.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GraphQLEndpoint {

    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final MediaType GRAPHQL_RESPONSE = MediaType.of(GRAPHQL_RESPONSE_JSON);

    private final GraphQLInvocation invocation;
    private final Authenticator authenticator;
    private final JsonMapper json;
    private final GraphQLLimits limits;

    public GraphQLEndpoint(GraphQLInvocation invocation, Authenticator authenticator, JsonMapper json, GraphQLLimits limits) {
        this.invocation = invocation;
        this.authenticator = authenticator;
        this.json = json;
        this.limits = limits;
    }

    // Any Accept passes routing; negotiate() decides, and answers 406 itself.
    @Get(produces = MediaType.ALL)
    public HttpResponse<?> get(HttpRequest<?> request) {
        if (request.getParameters().get("query") == null && prefersHtml(request)) {
            return HttpResponse.seeOther(URI.create("/graphiql"));
        }
        return respond(request, () -> GraphQLRequest.fromParameters(request.getParameters(), json), true);
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.ALL)
    public HttpResponse<?> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Optional<MediaType> contentType = request.getContentType();
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            MediaType type = negotiate(request).orElse(MediaType.APPLICATION_JSON_TYPE);
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, type,
                    "Send the request as 'Content-Type: application/json' with a JSON object holding 'query'.");
        }
        // Bytes, not a String: the body is decoded as UTF-8 only once the Content-Type has been checked.
        return respond(request, () -> GraphQLRequest.fromJson(body == null ? null : new String(body, StandardCharsets.UTF_8), json), false);
    }

    private HttpResponse<?> respond(HttpRequest<?> request, Supplier<GraphQLRequest> reader, boolean isGet) {
        Optional<MediaType> negotiated = negotiate(request);
        if (negotiated.isEmpty()) {
            return error(HttpStatus.NOT_ACCEPTABLE, MediaType.APPLICATION_JSON_TYPE,
                    "This endpoint answers with application/graphql-response+json or application/json.");
        }
        MediaType type = negotiated.get();
        try {
            GraphQLRequest graphQLRequest = reader.get();
            if (graphQLRequest.query().length() > limits.maxDocumentLength()) {
                return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, type, "The query document has "
                        + graphQLRequest.query().length() + " characters; the limit is " + limits.maxDocumentLength() + ".");
            }
            if (isGet && graphQLRequest.operationType().filter(op -> op != OperationDefinition.Operation.QUERY).isPresent()) {
                return error(HttpStatus.METHOD_NOT_ALLOWED, type, "Only queries may be sent with GET; send mutations with POST.")
                        .header(HttpHeaders.ALLOW, "POST");
            }
            request.setAttribute(ViewerContextCustomizer.VIEWER_ATTRIBUTE, viewerOf(request));
            return execute(request, graphQLRequest, type);
        } catch (BadGraphQLRequest bad) {
            return error(HttpStatus.BAD_REQUEST, type, bad.getMessage());
        } catch (InvalidCredentials invalid) {
            return error(HttpStatus.UNAUTHORIZED, type, invalid.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
    }

    private Viewer viewerOf(HttpRequest<?> request) {
        return authenticator.viewerFor(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    }

    private HttpResponse<?> execute(HttpRequest<?> request, GraphQLRequest graphQLRequest, MediaType type) {
        GraphQLInvocationData data = new GraphQLInvocationData(
                graphQLRequest.query(), graphQLRequest.operationName(), graphQLRequest.variables());
        ExecutionResult result;
        try {
            result = Mono.from(invocation.invoke(data, request, null)).block();
        } catch (UnknownOperationException unknown) {
            // graphql-java throws this one instead of answering it: no operation matches operationName.
            result = ExecutionResult.newExecutionResult().addError(unknown).build();
        }
        // With the newer media type, a request that never reached execution (syntax, validation,
        // variable coercion) is a client error; the legacy type always answers 200.
        HttpStatus status = type.equals(GRAPHQL_RESPONSE) && !result.isDataPresent() ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        return body(status, type, result.toSpecification());
    }

    private MutableHttpResponse<byte[]> error(HttpStatus status, MediaType type, String message) {
        return body(status, type, Map.of("errors", List.of(Map.of("message", message))));
    }

    private MutableHttpResponse<byte[]> body(HttpStatus status, MediaType type, Map<String, Object> body) {
        try {
            return HttpResponse.<byte[]>status(status)
                    .contentType(type + ";charset=utf-8")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response type the client accepts: the GraphQL one when listed, JSON for JSON or anything. */
    private static Optional<MediaType> negotiate(HttpRequest<?> request) {
        List<MediaType> accepted = List.copyOf(request.accept());
        if (accepted.isEmpty()) {
            return Optional.of(MediaType.APPLICATION_JSON_TYPE);
        }
        if (accepted.stream().anyMatch(type -> type.getName().equals(GRAPHQL_RESPONSE_JSON))) {
            return Optional.of(GRAPHQL_RESPONSE);
        }
        boolean json = accepted.stream().anyMatch(type -> type.getName().equals(MediaType.APPLICATION_JSON)
                || type.getName().equals("*/*") || type.getName().equals("application/*"));
        return json ? Optional.of(MediaType.APPLICATION_JSON_TYPE) : Optional.empty();
    }

    private static boolean prefersHtml(HttpRequest<?> request) {
        List<MediaType> accepted = List.copyOf(request.accept());
        return !accepted.isEmpty() && accepted.get(0).getName().equals(MediaType.TEXT_HTML);
    }

    private static boolean isJson(MediaType type) {
        try {
            Charset charset = type.getCharset().orElse(StandardCharsets.UTF_8);
            return type.getName().equals(MediaType.APPLICATION_JSON) && charset.equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknownCharset) {
            return false;
        }
    }
}
