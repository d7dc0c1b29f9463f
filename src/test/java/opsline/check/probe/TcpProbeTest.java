package opsline.check.probe;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.CheckState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static opsline.check.probe.CheckBuilder.tcp;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class TcpProbeTest extends ProbeTest {

    @Test
    void anOpenPort_isUpWithTheConnectTime() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProbeResult result = run(tcp("tcp://127.0.0.1:" + listening.getLocalPort()).conditions("[CONNECTED] == true").build());

            assertThat(result.outcome()).isEqualTo(CheckState.UP);
            assertThat(result.message()).isEqualTo("connected in " + result.latencyMs() + " ms");
            assertThat(result.conditions()).extracting(ConditionResult::success).containsExactly(true);
            assertThat(result.httpStatus()).isNull();
        }
    }

    @Test
    void aClosedPort_isDownConnectionRefused() {
        ProbeResult result = run(tcp("tcp://127.0.0.1:" + closedPort()).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("connection refused");
    }

    @Test
    void aHostThatDoesNotResolve_isDownSayingSo() {
        ProbeResult result = run(tcp("tcp://no-such-host.invalid:5432").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("host 'no-such-host.invalid' does not resolve");
    }
}
