package opsline.check.probe;

import com.sun.net.httpserver.HttpExchange;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.CheckState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

import static opsline.check.probe.CheckBuilder.http;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP checks whose target fails them: too slow, stalled, trickling, unresolvable, refused. */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class HttpProbeFailureTest extends ProbeTest {

    private static final int TIMEOUT_SECONDS = 1;
    /** A cut at the timeout may come late on a loaded machine, but not this late. */
    private static final long CUT_WITHIN_MS = (TIMEOUT_SECONDS + 2) * 1000L;

    private final LocalHttpServer server = LocalHttpServer.http()
            .on("/slow", exchange -> {
                LocalHttpServer.pause(Duration.ofSeconds(10));
                LocalHttpServer.send(exchange, 200, "{}");
            })
            .on("/hang", exchange -> {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().flush();
                LocalHttpServer.pause(Duration.ofSeconds(30));
            })
            .on("/trickle", HttpProbeFailureTest::trickle);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/slow", "/hang", "/trickle"})
    void anAnswerNotCompleteWithinTheTimeout_isCutAtTheTimeout(String path) {
        long start = System.nanoTime();

        ProbeResult result = run(http(server.url(path)).timeoutSeconds(TIMEOUT_SECONDS).build());

        assertThat(millisSince(start)).as("run time").isLessThan(CUT_WITHIN_MS);
        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("timed out after 1 s");
        assertThat(result.latencyMs()).isBetween(900L, CUT_WITHIN_MS);
    }

    @Test
    void aTimeout_doesNotStopTheNextRunFromAnswering() {
        server.on("/ok", LocalHttpServer.answer(200, "{}"));
        run(http(server.url("/hang")).timeoutSeconds(TIMEOUT_SECONDS).build());

        ProbeResult next = run(http(server.url("/ok")).timeoutSeconds(TIMEOUT_SECONDS).build());

        assertThat(next.outcome()).isEqualTo(CheckState.UP);
    }

    @Test
    void aHostThatDoesNotResolve_isDownSayingSo() {
        ProbeResult result = run(http("http://no-such-host.invalid/health").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("host 'no-such-host.invalid' does not resolve");
        assertThat(result.httpStatus()).isNull();
    }

    @Test
    void aPortNothingListensOn_isConnectionRefused() {
        ProbeResult result = run(http("http://127.0.0.1:" + closedPort() + "/health").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("connection refused");
    }

    @Test
    void aConditionOnAnUnreachedTarget_isReportedAsNotReached() {
        ProbeResult result = run(http("http://127.0.0.1:" + closedPort() + "/").conditions("[CONNECTED] == true").build());

        assertThat(result.message()).isEqualTo("connection refused");
        assertThat(result.conditions()).extracting(ConditionResult::detail).containsExactly("[CONNECTED] expected true, was false");
    }

    /** Sends one byte every 100 ms for ten seconds: each arrives well within any timeout, the whole never does. */
    private static void trickle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100 && !Thread.currentThread().isInterrupted(); i++) {
                out.write('.');
                out.flush();
                LocalHttpServer.pause(Duration.ofMillis(100));
            }
        } catch (IOException clientGaveUp) {
            // Expected: the probe stops reading at its timeout.
        }
    }
}
