package opsline;

import io.micronaut.runtime.server.EmbeddedServer;
import net.minidev.json.JSONValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to a running Opsline over real HTTP, as an integration would. GraphQL documents come inline
 * or by name from {@code src/test/resources/graphql/<name>.graphql}.
 */
public final class Api {

    private final URI base;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    // HTTP/1.1 as curl and cron jobs speak it, without the h2c upgrade the JDK client would try.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public Api(EmbeddedServer server) {
        this.base = server.getURI();
    }

    /** Runs a document with no token: as the anonymous public. */
    public Json graphql(String document) {
        return graphql(document, Map.of(), null);
    }

    public Json graphql(String document, Map<String, Object> variables, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONValue.toJSONString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Runs the document {@code graphql/<name>.graphql}. */
    public Json run(String name, Map<String, Object> variables, String token) {
        return graphql(document(name), variables, token);
    }

    public Json get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public Json send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Json(response.statusCode(), response.headers().map(), response.body());
        } catch (ExecutionException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " got no answer within " + REQUEST_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public static String document(String name) {
        try (InputStream stream = Api.class.getResourceAsStream("/graphql/" + name + ".graphql")) {
            if (stream == null) {
                throw new IllegalArgumentException("no test document graphql/" + name + ".graphql");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
