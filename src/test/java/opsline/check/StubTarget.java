package opsline.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The target checks probe: an HTTP server on 127.0.0.1 whose every path answers as the test sets it
 * (200 "ok" at once unless told otherwise) and remembers when it was asked.
 */
public final class StubTarget implements AutoCloseable {

    /** What a path answers: a status and body, after a delay. */
    public record Answer(int status, long delayMillis, String body) {
    }

    private static final Answer OK = new Answer(200, 0, "ok");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-target");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> requests = new ConcurrentHashMap<>();

    private StubTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static StubTarget start() {
        return new StubTarget();
    }

    /** The URL of a path, such as {@code http://127.0.0.1:41234/health}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, int status) {
        answer(path, new Answer(status, 0, status < 400 ? "ok" : "failing"));
    }

    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** When the path was asked, oldest first. */
    public List<Instant> requests(String path) {
        return List.copyOf(requests.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>()).add(Instant.now());
        Answer answer = answers.getOrDefault(path, OK);
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.length > 0 && body[0] == '{' ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
