package opsline.check.probe;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.Check;
import opsline.check.CheckKind;
import opsline.check.CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static opsline.check.probe.CheckBuilder.check;
import static opsline.check.probe.CheckBuilder.http;
import static opsline.check.probe.CheckBuilder.tcp;
import static opsline.check.probe.CheckBuilder.tls;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a check holds and whatever its target does, running it gives a result, never an exception. */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class ProbeRunnerTest extends ProbeTest {

    @Test
    void aStoredConditionThatDoesNotParse_isDownSayingTheCheckCannotRun() {
        Check check = http("http://127.0.0.1:" + closedPort() + "/").conditions("[STATUS] == 200", "[STATS] == 200").build();

        CompletableFuture<ProbeResult> running = runner.run(check);

        assertThat(running).isCompleted();
        ProbeResult result = running.join();
        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).startsWith("the check cannot run: '[STATS] == 200' does not start with a known placeholder");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            HTTP | http://bad host/     | the check cannot run: Illegal character in authority at index 7: http://bad host/
            HTTP | ftp://127.0.0.1/x    | the check cannot run: invalid URI scheme ftp
            TCP  | tcp://127.0.0.1      | probe failed: port out of range:-1
            DNS  | dns://bad host       | probe failed: Illegal character in authority at index 6: dns://bad host
            """)
    void aTargetThatCannotBeProbed_isDownWithTheReason(CheckKind kind, String target, String message) {
        ProbeResult result = run(check(kind, target).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo(message);
    }

    @Test
    void aHeaderJavaRefusesToSend_isDownNamingTheHeader() {
        ProbeResult result = run(http("http://127.0.0.1:" + closedPort() + "/").header("Host", "api.example.com").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).startsWith("the check cannot run: ").contains("Host");
    }

    @Test
    void manyChecksThatStallFailOrCannotRun_allGetAResultAtTheirTimeout() throws IOException {
        try (LocalHttpServer stalling = LocalHttpServer.http().on("/", exchange -> LocalHttpServer.pause(Duration.ofSeconds(30)));
             ServerSocket silent = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            List<Check> checks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                checks.add(http(stalling.url("/" + i)).timeoutSeconds(1).build());
                // More TLS handshakes than the blocking pool has threads: the queued ones must still answer.
                checks.add(tls("tls://127.0.0.1:" + silent.getLocalPort()).timeoutSeconds(1).build());
                checks.add(tcp("tcp://127.0.0.1:" + closedPort()).timeoutSeconds(1).build());
                checks.add(http("http://127.0.0.1:1/").conditions("nonsense").timeoutSeconds(1).build());
            }
            long start = System.nanoTime();

            List<CompletableFuture<ProbeResult>> running = checks.stream().map(runner::run).toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();

            assertThat(millisSince(start)).as("time until the last result").isLessThan(10_000);
            assertThat(running).extracting(CompletableFuture::join).extracting(ProbeResult::outcome).containsOnly(CheckState.DOWN);
            assertThat(running.stream().map(CompletableFuture::join).map(ProbeResult::message).distinct())
                    .contains("timed out after 1 s", "connection refused")
                    .anyMatch(message -> message.startsWith("the check cannot run: 'nonsense' is not a condition"));
        }
    }
}
