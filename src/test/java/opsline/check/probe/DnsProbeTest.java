package opsline.check.probe;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static opsline.check.probe.CheckBuilder.dns;
import static org.assertj.core.api.Assertions.assertThat;

/** DNS checks through the system resolver: localhost is in every /etc/hosts, and .invalid never resolves (RFC 6761). */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class DnsProbeTest extends ProbeTest {

    @Test
    void localhost_isUpAnswering127001() {
        ProbeResult result = run(dns("dns://localhost?type=A").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.message()).isEqualTo("answers 127.0.0.1 in " + result.latencyMs() + " ms");
    }

    @ParameterizedTest(name = "expected {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1 | UP   | answers 127.0.0.1 in
            10.0.0.1  | DOWN | answers [127.0.0.1], expected 10.0.0.1
            """)
    void expectedValue_mustBeAmongTheAnswers(String expectedValue, CheckState outcome, String message) {
        ProbeResult result = run(dns("dns://localhost?type=A").expectedValue(expectedValue).build());

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.message()).startsWith(message);
    }

    @Test
    void conditions_readTheAnswerAndTheResponseCode() {
        ProbeResult result = run(dns("dns://localhost").conditions("[IP] == 127.0.0.1", "[DNS_RCODE] == NOERROR").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.conditions()).extracting(ConditionResult::detail).containsExactly("127.0.0.1", "NOERROR");
    }

    @Test
    void aNameThatDoesNotExist_isDownWithNoAnswer() {
        ProbeResult result = run(dns("dns://no-such-host.invalid?type=A").conditions("[DNS_RCODE] == NXDOMAIN").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("no answer (NXDOMAIN)");
        assertThat(result.conditions()).extracting(ConditionResult::success).containsExactly(true);
    }
}
