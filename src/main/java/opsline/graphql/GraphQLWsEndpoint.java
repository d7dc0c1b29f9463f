package opsline.graphql;

import graphql.ExecutionResult;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.configuration.graphql.ws.GraphQLWsHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import opsline.security.Authenticator;
import opsline.security.InvalidCredentials;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriptions over the graphql-transport-ws protocol at {@code /graphql-ws}, through the same
 * invocation as {@code /graphql}. Each connection keeps its own operations: ids are the client's and
 * only that connection can complete them, and closing it ends them all.
 * The viewer comes from {@code Authorization: Bearer} on the upgrade request or, for browsers that
 * cannot set headers, from {@code {"authorization": "Bearer <token>"}} in {@code connection_init}.
 */
@ServerWebSocket(value = "/graphql-ws", subprotocols = "graphql-transport-ws")
@Replaces(GraphQLWsHandler.class)
public class GraphQLWsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQLWsEndpoint.class);
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final GraphQLInvocation invocation;
    private final Authenticator authenticator;
    private final JsonMapper json;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public GraphQLWsEndpoint(GraphQLInvocation invocation, Authenticator authenticator, JsonMapper json) {
        this.invocation = invocation;
        this.authenticator = authenticator;
        this.json = json;
    }

    /** One client connection: the request that opened it and its running operations by id. */
    private static final class Connection {
        final HttpRequest<?> request;
        final Map<String, Disposable> operations = new ConcurrentHashMap<>();
        volatile boolean acknowledged;

        Connection(HttpRequest<?> request) {
            this.request = request;
        }
    }

    /** Reactive, so it runs on the connection's event loop before any of its messages. */
    @OnOpen
    public Publisher<?> open(WebSocketSession session, HttpRequest<?> request) {
        connections.put(session.getId(), new Connection(request));
        Mono.delay(INIT_TIMEOUT).subscribe(tick -> {
            Connection connection = connections.get(session.getId());
            if (connection != null && !connection.acknowledged) {
                session.close(new CloseReason(4408, "Connection initialisation timeout"));
            }
        });
        return Mono.empty();
    }

    @OnMessage
    public Publisher<?> message(String text, WebSocketSession session) {
        Connection connection = connections.get(session.getId());
        JsonNode message = parse(text);
        String type = message == null || message.get("type") == null ? "" : message.get("type").coerceStringValue();
        if (connection == null || message == null) {
            return close(session, 4400, "Invalid message");
        }
        return switch (type) {
            case "connection_init" -> initialise(session, connection, message.get("payload"));
            case "ping" -> send(session, Map.of("type", "pong"));
            case "pong" -> Mono.empty();
            case "subscribe" -> subscribe(session, connection, message);
            case "complete" -> {
                String id = message.get("id") == null ? "" : message.get("id").coerceStringValue();
                Disposable operation = connection.operations.remove(id);
                if (operation != null) {
                    operation.dispose();
                }
                yield Mono.empty();
            }
            default -> close(session, 4400, "Unknown message type '" + type + "'");
        };
    }

    @OnClose
    public void close(WebSocketSession session) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.operations.values().forEach(Disposable::dispose);
        }
    }

    private Publisher<?> initialise(WebSocketSession session, Connection connection, JsonNode payload) {
        if (connection.acknowledged) {
            return close(session, 4429, "Too many initialisation requests");
        }
        String header = connection.request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        JsonNode fromPayload = payload != null && payload.isObject() ? payload.get("authorization") : null;
        String authorization = fromPayload != null && fromPayload.isString() ? fromPayload.getStringValue() : header;
        // Authentication reads the database: off the event loop.
        return Mono.fromCallable(() -> authenticator.viewerFor(authorization))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(viewer -> {
                    connection.request.setAttribute(ViewerContextCustomizer.VIEWER_ATTRIBUTE, viewer);
                    connection.acknowledged = true;
                    return Mono.from(send(session, Map.of("type", "connection_ack")));
                })
                .onErrorResume(InvalidCredentials.class, invalid -> close(session, 4403, invalid.getMessage()));
    }

    private Publisher<?> subscribe(WebSocketSession session, Connection connection, JsonNode message) {
        if (!connection.acknowledged) {
            return close(session, 4401, "Unauthorized: send connection_init first");
        }
        JsonNode id = message.get("id");
        JsonNode payload = message.get("payload");
        if (id == null || !id.isString() || payload == null || !payload.isObject() || payload.get("query") == null) {
            return close(session, 4400, "A subscribe message needs an id and a payload with a query");
        }
        String operationId = id.getStringValue();
        if (connection.operations.containsKey(operationId)) {
            return close(session, 4409, "Subscriber for " + operationId + " already exists");
        }
        GraphQLInvocationData data = new GraphQLInvocationData(payload.get("query").coerceStringValue(),
                payload.get("operationName") == null || payload.get("operationName").isNull() ? null : payload.get("operationName").coerceStringValue(),
                variables(payload.get("variables")));
        Disposable operation = Flux.defer(() -> invocation.invoke(data, connection.request, null))
                .subscribeOn(Schedulers.boundedElastic())
                .concatMap(result -> results(result))
                .concatMap(result -> send(session, message(operationId, result, connection)))
                .doOnComplete(() -> {
                    if (connection.operations.remove(operationId) != null) {
                        send(session, Map.of("type", "complete", "id", operationId)).subscribe(new LoggingSubscriber());
                    }
                })
                .doOnError(failure -> LOG.warn("subscription {} failed: {}", operationId, failure.getMessage()))
                .subscribe(sent -> { }, failure -> connection.operations.remove(operationId));
        connection.operations.put(operationId, operation);
        return Mono.empty();
    }

    /**
     * A result as a {@code next} message, or as an {@code error} message when the operation failed before
     * producing data (which ends it: no {@code complete} follows).
     */
    private static Map<String, Object> message(String operationId, ExecutionResult result, Connection connection) {
        if (result.getData() == null && !result.getErrors().isEmpty()) {
            connection.operations.remove(operationId);
            return Map.of("type", "error", "id", operationId, "payload", result.toSpecification().get("errors"));
        }
        return Map.of("type", "next", "id", operationId, "payload", result.toSpecification());
    }

    /** A subscription's stream of results, or the single result of a query or mutation. */
    private static Flux<ExecutionResult> results(ExecutionResult result) {
        if (result.isDataPresent() && result.getData() instanceof Publisher<?> stream) {
            return Flux.from(stream).cast(ExecutionResult.class);
        }
        return Flux.just(result);
    }

    private Publisher<String> send(WebSocketSession session, Map<String, Object> message) {
        if (!session.isOpen()) {
            return Mono.empty();
        }
        try {
            return session.send(json.writeValueAsString(new LinkedHashMap<>(message)));
        } catch (IOException e) {
            return Mono.error(e);
        }
    }

    private static <T> Mono<T> close(WebSocketSession session, int code, String reason) {
        session.close(new CloseReason(code, reason));
        return Mono.empty();
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readValue(text, JsonNode.class);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Map<String, Object> variables(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        try {
            return json.readValueFromTree(node, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Completion messages are fire-and-forget; a failed send only means the client has gone. */
    private static final class LoggingSubscriber extends BaseSubscriber<String> {
        @Override
        protected void hookOnError(Throwable failure) {
            LOG.debug("could not send to a closed websocket: {}", failure.getMessage());
        }
    }
}
