package opsline.check.probe;

import io.micronaut.json.JsonMapper;
import opsline.check.Check;
import opsline.check.CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static opsline.check.probe.CheckBuilder.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler runs a heartbeat check only once its ping is late: the result says how late, against what. */
class HeartbeatProbeTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ProbeRunner runner = new ProbeRunner(List.of(new HeartbeatProbe(CLOCK)), JsonMapper.createDefault(), CLOCK);

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            300     | 60    |      | last ping 5 min ago; expected one every 60 s
            300     | 60    | 30   | last ping 5 min ago; expected one every 60 s (grace 30 s)
            93600   | 86400 | 3600 | last ping 26 h 0 min ago; expected one every 24 h 0 min (grace 60 min)
            259200  | 3600  | 600  | last ping 3 days ago; expected one every 60 min (grace 10 min)
            """)
    void aLatePing_isDownNamingTheLastPingAndTheExpectedInterval(long secondsAgo, int interval, Integer grace, String message) {
        Check late = heartbeat().intervalSeconds(interval).graceSeconds(grace)
                .createdAt(NOW.minus(Duration.ofDays(30))).lastPingAt(NOW.minusSeconds(secondsAgo)).build();

        ProbeResult result = runner.run(late).join();

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo(message);
    }

    @Test
    void aCheckNeverPinged_saysSo() {
        Check silent = heartbeat().intervalSeconds(300).graceSeconds(60).createdAt(NOW.minus(Duration.ofHours(1))).build();

        ProbeResult result = runner.run(silent).join();

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("no ping yet; expected one every 5 min (grace 60 s)");
    }
}
