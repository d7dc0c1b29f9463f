package opsline.check;

import net.minidev.json.JSONValue;
import opsline.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * A client of the graphql-transport-ws protocol on {@code /graphql-ws}, as a browser or integration
 * subscribes: it opens the socket (with a bearer token when given), waits for {@code connection_ack},
 * and keeps every message the server sends, answering pings.
 */
public final class GraphQLWsSubscriber implements WebSocket.Listener, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    private final List<Json> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile String closedWith;

    private GraphQLWsSubscriber() {
    }

    /** Connects to the Opsline at {@code httpBase} and completes the protocol's handshake. */
    public static GraphQLWsSubscriber connect(URI httpBase, String token, Duration within) {
        GraphQLWsSubscriber subscriber = new GraphQLWsSubscriber();
        URI uri = URI.create("ws://" + httpBase.getHost() + ":" + httpBase.getPort() + "/graphql-ws");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(within);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        subscriber.socket = builder.buildAsync(uri, subscriber).orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
        subscriber.send(Map.of("type", "connection_init", "payload", Map.of()));
        subscriber.await(within, "connection_ack", message -> "connection_ack".equals(type(message)));
        return subscriber;
    }

    /** The sub-protocol the server agreed to. */
    public String protocol() {
        return socket.getSubprotocol();
    }

    public void subscribe(String id, String query) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /** Tells the server this client is done with the operation {@code id}. */
    public void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    /** Pings the server and waits for its pong: every message sent before has been handled by then. */
    public void roundTrip(Duration within) {
        int pongs = (int) messages.stream().filter(message -> "pong".equals(type(message))).count();
        send(Map.of("type", "ping"));
        long deadline = System.nanoTime() + within.toNanos();
        while (messages.stream().filter(message -> "pong".equals(type(message))).count() <= pongs) {
            if (System.nanoTime() > deadline) {
                fail("no pong within " + within.toMillis() + " ms; messages: " + messages);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** The first {@code next} message's data that meets the condition, waiting for it as long as given. */
    public Json awaitNext(Duration within, String expectation, Predicate<Json> condition) {
        return await(within, expectation, message -> "next".equals(type(message)) && condition.test(message));
    }

    /** The first {@code next} message's data that meets the condition, if one arrives within the time given. */
    public Optional<Json> next(Duration within, Predicate<Json> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            Optional<Json> found = nexts().stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found;
            }
            LockSupport.parkNanos(POLL.toNanos());
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** Every {@code next} message so far, oldest first. */
    public List<Json> nexts() {
        return messages.stream().filter(message -> "next".equals(type(message))).toList();
    }

    public List<Json> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                Json message = new Json(200, Map.of(), partial.toString());
                partial.setLength(0);
                messages.add(message);
                if ("ping".equals(type(message))) {
                    send(Map.of("type", "pong"));
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith = statusCode + " " + reason;
        return null;
    }

    /** How the server closed the socket, as code and reason, or null while it is open. */
    public String closedWith() {
        return closedWith;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }

    /** The first message of any type that meets the condition, waiting for it as long as given. */
    public Json await(Duration within, String expectation, Predicate<Json> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            for (Json message : new ArrayList<>(messages)) {
                if (condition.test(message)) {
                    return message;
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        } while (System.nanoTime() < deadline);
        return fail("no " + expectation + " arrived within " + within.toMillis() + " ms; messages: " + messages
                + (closedWith == null ? "" : "; the server closed the socket: " + closedWith));
    }

    private synchronized void send(Map<String, Object> message) {
        CompletableFuture<WebSocket> sent = socket.sendText(JSONValue.toJSONString(new LinkedHashMap<>(message)), true);
        sent.orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static String type(Json message) {
        Object type = JSONValue.parse(message.body()) instanceof Map<?, ?> map ? map.get("type") : null;
        return type == null ? null : type.toString();
    }
}
