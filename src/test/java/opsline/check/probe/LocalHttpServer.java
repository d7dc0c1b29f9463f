package opsline.check.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP or HTTPS server on 127.0.0.1 for probes to reach. Each exchange gets a thread of its own, so a
 * handler that stalls on purpose holds up nothing else; closing the server interrupts them.
 */
final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private LocalHttpServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(executor);
        server.start();
    }

    static LocalHttpServer http() {
        try {
            return new LocalHttpServer(HttpServer.create(loopback(), 0), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LocalHttpServer https(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new LocalHttpServer(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LocalHttpServer on(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Answers with this status and a JSON body; an empty body is sent as no body. */
    static HttpHandler answer(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sleeps, giving up quietly when the server closes. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
