package opsline.check;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 for checks to probe. It answers every request with the status, body and
 * delay set last, and keeps the headers of the requests it received.
 */
public final class LoopbackTarget implements AutoCloseable {

    private final HttpServer server;
    private final List<Headers> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{\"status\":\"UP\"}";
    private volatile Duration delay = Duration.ZERO;

    private LoopbackTarget(HttpServer server) {
        this.server = server;
    }

    /** A target answering 200 with {@code {"status":"UP"}} at once. */
    public static LoopbackTarget start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackTarget target = new LoopbackTarget(server);
            server.createContext("/", target::handle);
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An http URL on 127.0.0.1 where nothing listens: connections to it are refused. */
    public static String refusedUrl() {
        return "http://127.0.0.1:" + freePort() + "/health";
    }

    /** A port on 127.0.0.1 that was free a moment ago and has no listener. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public LoopbackTarget answer(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    /** Answers only after this long, so runs are slow. */
    public LoopbackTarget delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The headers of every request received so far, oldest first. */
    public List<Headers> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            pause();
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
