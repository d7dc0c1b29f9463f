package opsline.check.probe;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String BODY = """
            {"status":"UP","name":"all ok here","items":[1,2,3],"data":{"items":[{"id":1},{"id":2}]}}""";

    /** An HTTP 200 answer with {@link #BODY}, in 120 ms, from a server whose certificate expires in 72 h. */
    private static final Observation ANSWER = new Observation(true, 120, null, 200, BODY.getBytes(StandardCharsets.UTF_8), false,
            NOW.plus(Duration.ofHours(72)), null, List.of(), null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [STATUS] == 200                       | true  | 200
            [STATUS] != 500                       | true  | 200
            [STATUS] == 201                       | false | [STATUS] expected 201, was 200
            [STATUS] != 200                       | false | [STATUS] expected != 200, was 200
            [STATUS] < 300                        | true  | 200
            [STATUS] >= 500                       | false | [STATUS] expected >= 500, was 200
            [STATUS] == any(200, 204)             | true  | 200
            [STATUS] == any(201, 204)             | false | [STATUS] expected any(201, 204), was 200
            [RESPONSE_TIME] < 500                 | true  | 120
            [RESPONSE_TIME] <= 1s                 | true  | 120
            [RESPONSE_TIME] < 100                 | false | [RESPONSE_TIME] expected < 100, was 120
            [BODY].status == UP                   | true  | UP
            [BODY].status == "UP"                 | true  | UP
            [BODY].status == DOWN                 | false | [BODY].status expected DOWN, was UP
            [BODY].data.items[1].id == 2          | true  | 2
            [BODY].data.items[0].id != 2          | true  | 1
            [BODY].items[2] > 2                   | true  | 3
            len([BODY].items) == 3                | true  | 3
            len([BODY].data.items) > 2            | false | len([BODY].data.items) expected > 2, was 2
            len([BODY].name) == 11                | true  | 11
            has([BODY].errors) == false           | true  | false
            has([BODY].data.items) == true        | true  | true
            [BODY] == pat(*ok here*)              | true  | {"status":"UP","name":"all ok here","items":[1,2,3],"data":{"items":[{"id":1},{"id":2}]}}
            [BODY].name == pat(all*)              | true  | all ok here
            [BODY].name == pat(*error*)           | false | [BODY].name expected pat(*error*), was all ok here
            [BODY].missing == x                   | false | [BODY].missing: the body has no missing
            [BODY].data.items[5].id == 1          | false | [BODY].data.items[5].id: the body has no data.items[5].id
            [CONNECTED] == true                   | true  | true
            [CERTIFICATE_EXPIRATION] > 48h        | true  | 259200000
            [CERTIFICATE_EXPIRATION] > 1h30m      | true  | 259200000
            [CERTIFICATE_EXPIRATION] > 96h        | false | [CERTIFICATE_EXPIRATION] expected > 96h, was 259200000
            [CERTIFICATE_EXPIRATION] > 2d         | true  | 259200000
            [CERTIFICATE_EXPIRATION] > 4d         | false | [CERTIFICATE_EXPIRATION] expected > 4d, was 259200000
            """)
    void condition_onAJsonAnswer_isJudgedWithAReadableDetail(String text, boolean success, String detail) throws InvalidCondition {
        ConditionResult result = evaluate(text, ANSWER);

        assertThat(result.condition()).isEqualTo(text);
        assertThat(result.success()).as("success of %s", text).isEqualTo(success);
        assertThat(result.detail()).isEqualTo(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [DNS_RCODE] == NOERROR       | true  | NOERROR
            [IP] == 127.0.0.1            | true  | 127.0.0.1
            [IP] == pat(10.*)            | false | [IP] expected pat(10.*), was 127.0.0.1
            [RESULT] == 127.0.0.1        | true  | 127.0.0.1
            [STATUS] == 200              | false | [STATUS]: no value
            """)
    void condition_onADnsAnswer_readsItsPlaceholders(String text, boolean success, String detail) throws InvalidCondition {
        Observation answer = Observation.reached(4).withValues(List.of("127.0.0.1"), "NOERROR");

        ConditionResult result = evaluate(text, answer);

        assertThat(result.success()).isEqualTo(success);
        assertThat(result.detail()).isEqualTo(detail);
    }

    @Test
    void jsonCondition_onABodyThatIsNotJson_failsSayingSo() throws InvalidCondition {
        Observation html = new Observation(true, 8, null, 200, "<html>ok</html>".getBytes(StandardCharsets.UTF_8), false,
                null, null, List.of(), null);

        ConditionResult result = evaluate("[BODY].status == UP", html);

        assertThat(result.success()).isFalse();
        assertThat(result.detail()).isEqualTo("[BODY].status: the body is not JSON");
        assertThat(evaluate("[BODY] == pat(*ok*)", html).success()).isTrue();
    }

    @Test
    void condition_onATargetNotReached_namesWhyAndCountsNotConnected() throws InvalidCondition {
        Observation refused = Observation.unreachable(3, "connection refused");

        assertThat(evaluate("[STATUS] == 200", refused).detail()).isEqualTo("[STATUS]: not reached (connection refused)");
        assertThat(evaluate("[BODY].status == UP", refused).detail()).isEqualTo("[BODY].status: not reached (connection refused)");
        assertThat(evaluate("[CONNECTED] == true", refused).detail()).isEqualTo("[CONNECTED] expected true, was false");
        assertThat(evaluate("[CONNECTED] == false", refused).success()).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                | is not a condition: write it as <placeholder> <operator> <value>, such as [STATUS] == 200
            [STATUS] 200                      | '[STATUS] 200' is not a condition: write it as <placeholder> <operator> <value>
            [STATUS] =~ 200                   | is not a condition
            [STATS] == 200                    | '[STATS] == 200' does not start with a known placeholder: [STATUS], [RESPONSE_TIME], [BODY]
            status == 200                     | does not start with a known placeholder
            size([BODY].items) == 1           | does not start with a known placeholder
            [STATUS].code == 200              | '[STATUS].code == 200': only [BODY] takes a path such as [BODY].status.
            [RESPONSE_TIME][0] < 5            | only [BODY] takes a path
            [BODY]status == UP                | '[BODY]status == UP': 'status' is not a JSON path such as .data.items[0].id.
            [BODY].items[x] == 1              | '.items[x]' is not a JSON path
            [BODY]..status == UP              | '..status' is not a JSON path
            [BODY].items[99999999999] == 1    | '.items[99999999999]' is not a JSON path
            [BODY].status > UP                | '[BODY].status > UP': > needs a number or a duration such as 48h, got 'UP'.
            [CERTIFICATE_EXPIRATION] < soon   | < needs a number or a duration such as 48h, got 'soon'
            """)
    void malformedCondition_isRefusedWithAHelpfulMessage(String text, String message) {
        assertThatThrownBy(() -> Condition.parse(text))
                .isInstanceOf(InvalidCondition.class)
                .hasMessageContaining(message);
    }

    @Test
    void problems_listOneMessagePerMalformedCondition() {
        List<String> problems = ProbeRunner.problems(List.of("[STATUS] == 200", "[STATS] == 200", "[BODY].items[99999999999] == 1"));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("does not start with a known placeholder");
        assertThat(problems.get(1)).contains("is not a JSON path");
    }

    private static ConditionResult evaluate(String text, Observation observation) throws InvalidCondition {
        return Condition.parse(text).evaluate(new ConditionContext(observation, JSON, CLOCK));
    }
}
