package opsline.check.probe;

import com.sun.net.httpserver.HttpHandler;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.CheckState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static opsline.check.probe.CheckBuilder.http;
import static opsline.check.probe.LocalHttpServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** HTTP checks against a server the test runs: statuses, conditions, health bodies, requests, redirects, big bodies. */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class HttpProbeTest extends ProbeTest {

    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final LocalHttpServer server = LocalHttpServer.http();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aServerAnswering200_isUpWithItsLatency() {
        server.on("/health", answer(200, "{}"));

        ProbeResult result = run(http(server.url("/health")).build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.latencyMs()).isNotNegative();
        assertThat(result.message()).isEqualTo("HTTP 200 in " + result.latencyMs() + " ms");
    }

    @ParameterizedTest(name = "HTTP {0}, expected {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500 |     | DOWN | HTTP 500, expected a 2xx status
            404 |     | DOWN | HTTP 404, expected a 2xx status
            204 |     | UP   | HTTP 204 in
            404 | 404 | UP   | HTTP 404 in
            200 | 201 | DOWN | HTTP 200, expected 201
            """)
    void status_isJudgedAgainstTheExpectedStatus(int status, Integer expectedStatus, CheckState outcome, String message) {
        server.on("/", answer(status, ""));

        ProbeResult result = run(http(server.url("/")).expectedStatus(expectedStatus).build());

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.message()).startsWith(message);
    }

    @Test
    void jsonConditions_thatHold_areUpAndEachIsReported() {
        server.on("/health", answer(200, "{\"status\":\"UP\",\"version\":\"1.4.2\"}"));

        ProbeResult result = run(http(server.url("/health"))
                .conditions("[STATUS] == 200", "[BODY].status == UP", "[BODY].version == pat(1.4.*)").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.conditions()).extracting(ConditionResult::success).containsExactly(true, true, true);
        assertThat(result.conditions()).extracting(ConditionResult::detail).containsExactly("200", "UP", "1.4.2");
    }

    @Test
    void aJsonConditionThatFails_isDownWithTheConditionAsMessage() {
        server.on("/health", answer(200, "{\"status\":\"DOWN\"}"));

        ProbeResult result = run(http(server.url("/health")).conditions("[STATUS] == 200", "[BODY].status == UP").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("[BODY].status expected UP, was DOWN");
        assertThat(result.conditions()).extracting(ConditionResult::condition, ConditionResult::success)
                .containsExactly(tuple("[STATUS] == 200", true), tuple("[BODY].status == UP", false));
    }

    @Test
    void aStatusCondition_replacesTheDefaultExpectation() {
        server.on("/", answer(503, ""));

        ProbeResult result = run(http(server.url("/")).conditions("[STATUS] == any(200, 503)").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.message()).startsWith("HTTP 503 in ");
    }

    @Test
    void anActuatorHealthBody_keepsItsComponentsInTheResult() {
        server.on("/actuator/health", answer(200, """
                {"status":"UP","components":{"db":{"status":"DOWN"},"diskSpace":{"status":"UP"},
                 "redis":{"status":"UP","components":{"primary":{"status":"UP"},"replica":{"status":"OUT_OF_SERVICE"}}}}}"""));

        ProbeResult result = run(http(server.url("/actuator/health")).build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.components()).extracting(HealthComponent::name, HealthComponent::status).containsExactly(
                tuple("db", "DOWN"), tuple("diskSpace", "UP"), tuple("redis", "UP"),
                tuple("redis/primary", "UP"), tuple("redis/replica", "OUT_OF_SERVICE"));
    }

    @Test
    void anActuatorAnsweringDownWith200_isDownNamingTheDownComponents() {
        server.on("/actuator/health", answer(200, """
                {"status":"DOWN","components":{"db":{"status":"DOWN"},"mail":{"status":"UNKNOWN"},"ping":{"status":"UP"}}}"""));

        ProbeResult result = run(http(server.url("/actuator/health")).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("health status DOWN (db DOWN, mail UNKNOWN)");
        assertThat(result.components()).hasSize(3);
    }

    @Test
    void anActuatorAnswering503_isDownAndStillReportsItsComponents() {
        server.on("/health", answer(503, "{\"status\":\"DOWN\",\"details\":{\"jdbc\":{\"status\":\"DOWN\"}}}"));

        ProbeResult result = run(http(server.url("/health")).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("HTTP 503, expected a 2xx status");
        assertThat(result.components()).containsExactly(new HealthComponent("jdbc", "DOWN"));
    }

    @Test
    void aResponseSlowerThanDegradedLatency_isDegraded() {
        server.on("/slow", exchange -> {
            LocalHttpServer.pause(Duration.ofMillis(400));
            LocalHttpServer.send(exchange, 200, "{}");
        });

        ProbeResult result = run(http(server.url("/slow")).degradedLatencyMs(100).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DEGRADED);
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(400);
        assertThat(result.message()).isEqualTo("slow: " + result.latencyMs() + " ms, above 100 ms");
    }

    @Test
    void theCheck_sendsItsMethodHeadersAndBody() {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        server.on("/echo", exchange -> {
            seen.set(Map.of("method", exchange.getRequestMethod(),
                    "key", String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")),
                    "agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            LocalHttpServer.send(exchange, 201, "");
        });

        ProbeResult result = run(http(server.url("/echo")).method("POST").header("X-Api-Key", "k-123")
                .body("{\"ping\":true}").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(seen.get()).containsEntry("method", "POST").containsEntry("key", "k-123")
                .containsEntry("agent", "Opsline health check").containsEntry("body", "{\"ping\":true}");
    }

    @Test
    void aRedirect_isFollowedWhenTheCheckSaysSo() {
        server.on("/old", redirectTo("/new")).on("/new", answer(200, "{}"));

        ProbeResult result = run(http(server.url("/old")).followRedirects(true).build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    void aRedirect_isTheAnswerWhenRedirectsAreNotFollowed() {
        server.on("/old", redirectTo("/new")).on("/new", answer(200, "{}"));

        ProbeResult result = run(http(server.url("/old")).followRedirects(false).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.httpStatus()).isEqualTo(302);
        assertThat(result.message()).isEqualTo("HTTP 302, expected a 2xx status");
        assertThat(run(http(server.url("/old")).expectedStatus(302).build()).outcome()).isEqualTo(CheckState.UP);
    }

    @Test
    void aRedirectLoop_isDownSayingSo() {
        server.on("/loop", redirectTo("/loop"));

        ProbeResult result = run(http(server.url("/loop")).followRedirects(true).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).contains("too many redirects").contains("redirect loop");
    }

    @Test
    void aHugeBody_isReadOnlyUpToTheCapAndTheRunSucceeds() {
        byte[] fiveMiB = new byte[5 * MAX_BODY_BYTES];
        Arrays.fill(fiveMiB, (byte) 'a');
        server.on("/huge", exchange -> {
            exchange.sendResponseHeaders(200, fiveMiB.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(fiveMiB);
            } catch (IOException clientStoppedReading) {
                // Expected: the probe stops reading at its cap.
            }
        });

        ProbeResult result = run(http(server.url("/huge")).conditions("len([BODY]) == " + MAX_BODY_BYTES).build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.conditions()).extracting(ConditionResult::detail).containsExactly(String.valueOf(MAX_BODY_BYTES));
    }

    private static HttpHandler redirectTo(String path) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", path);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        };
    }
}
