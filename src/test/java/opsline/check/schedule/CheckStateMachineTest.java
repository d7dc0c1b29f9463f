package opsline.check.schedule;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.StubTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check's state as its runs move it (runs made with runCheckNow; the scheduler is off), and what its
 * state says about its service's status.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class CheckStateMachineTest extends AdminApiTest {

    private static final String TRANSITIONS = "transitions(first: 10) { totalCount edges { node { from to reason at } } }";

    private StubTarget target;
    private CheckApi checks;
    private String service;

    @BeforeEach
    void setUp() {
        target = StubTarget.start();
        checks = new CheckApi(api, admin);
        service = checks.createService("Checkout API");
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void withFailureThresholdTwo_theFirstFailureKeepsTheState_andTheSecondMakesItDownWithATransitionAndAnEvent() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of("failureThreshold", 2));
        assertThat(checks.runNowForState(id)).isEqualTo("UP");
        target.answer("/health", 500);

        Json first = checks.runNow(id);
        assertThat(first.<String>read("$.data.runCheckNow.result.outcome")).isEqualTo("DOWN");
        assertThat(first.<String>read("$.data.runCheckNow.result.checkState")).isEqualTo("UP");
        assertThat(first.<String>read("$.data.runCheckNow.check.state")).isEqualTo("UP");
        assertThat(checks.check(id, TRANSITIONS).<Integer>read("$.data.check.transitions.totalCount")).isEqualTo(1);

        Json second = checks.runNow(id);
        assertThat(second.<String>read("$.data.runCheckNow.check.state")).isEqualTo("DOWN");
        String downAt = second.read("$.data.runCheckNow.result.checkedAt");
        assertThat(second.<String>read("$.data.runCheckNow.check.stateSince")).isEqualTo(downAt);
        Json transitions = checks.check(id, TRANSITIONS);
        assertThat(transitions.<Integer>read("$.data.check.transitions.totalCount")).isEqualTo(2);
        assertThat(transitions.<Map<String, Object>>read("$.data.check.transitions.edges[0].node"))
                .containsEntry("from", "UP").containsEntry("to", "DOWN").containsEntry("at", downAt)
                .hasEntrySatisfying("reason", reason -> assertThat((String) reason).contains("HTTP 500"));

        List<Map<String, Object>> events = CheckTables.rows("""
                SELECT payload->>'from' AS "from", payload->>'to' AS "to" FROM domain_event
                WHERE kind = 'check.state_changed' AND subject = ? ORDER BY id""", id);
        assertThat(events).containsExactly(Map.of("from", "UNKNOWN", "to", "UP"), Map.of("from", "UP", "to", "DOWN"));
    }

    @Test
    void aDownCheck_comesBackUpOnlyAfterSuccessThresholdSuccessesInARow() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of("failureThreshold", 1, "successThreshold", 3));
        target.answer("/health", 503);
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");

        target.answer("/health", 200);
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");
        target.answer("/health", 503);
        assertThat(checks.runNowForState(id)).as("a failure starts the count again").isEqualTo("DOWN");
        target.answer("/health", 200);
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");
        assertThat(checks.runNowForState(id)).isEqualTo("UP");

        Map<String, Object> latest = checks.check(id, TRANSITIONS).read("$.data.check.transitions.edges[0].node");
        assertThat(latest).containsEntry("from", "DOWN").containsEntry("to", "UP");
        assertThat((String) latest.get("reason")).startsWith("HTTP 200");
        assertThat(CheckTables.count("SELECT count(*) FROM check_transition WHERE check_id = ?", UUID.fromString(id))).isEqualTo(2);
    }

    @Test
    void aSuccessSlowerThanDegradedLatency_makesTheCheckDegraded_andAFastOneUpAgain() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of("degradedLatencyMs", 1000, "timeoutSeconds", 8));
        target.answer("/health", new StubTarget.Answer(200, 1500, "slow"));

        Json slow = checks.runNow(id);
        assertThat(slow.<String>read("$.data.runCheckNow.check.state")).isEqualTo("DEGRADED");
        assertThat(slow.<Boolean>read("$.data.runCheckNow.result.success")).isTrue();
        assertThat(slow.<String>read("$.data.runCheckNow.result.message")).startsWith("slow: ").endsWith("above 1000 ms");
        assertThat(checks.serviceStatus(service)).isEqualTo("DEGRADED_PERFORMANCE");

        target.answer("/health", 200);
        assertThat(checks.runNowForState(id)).isEqualTo("UP");
        assertThat(checks.serviceStatus(service)).isEqualTo("OPERATIONAL");
    }

    @Test
    void pausing_makesTheCheckPaused_andTakesItsSignalOutOfTheServiceStatus() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of("failureThreshold", 1));
        target.answer("/health", 500);
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");
        Json down = checks.service(service, "status statusSignals { source status reason }");
        assertThat(down.<String>read("$.data.service.status")).isEqualTo("MAJOR_OUTAGE");
        assertThat(down.<List<String>>read("$.data.service.statusSignals[*].source")).containsExactly("checks");

        Json paused = checks.pause(id);

        assertThat(paused.<String>read("$.data.pauseCheck.check.state")).isEqualTo("PAUSED");
        assertThat(paused.<Boolean>read("$.data.pauseCheck.check.paused")).isTrue();
        Json after = checks.service(service, "status statusSignals { source }");
        assertThat(after.<String>read("$.data.service.status")).isEqualTo("OPERATIONAL");
        assertThat(after.<List<?>>read("$.data.service.statusSignals")).isEmpty();
        Map<String, Object> transition = checks.check(id, TRANSITIONS).read("$.data.check.transitions.edges[0].node");
        assertThat(transition).containsEntry("from", "DOWN").containsEntry("to", "PAUSED");
        assertThat((String) transition.get("reason")).startsWith("paused by ");

        assertThat(checks.runNowForState(id)).as("a run of a paused check leaves it paused").isEqualTo("PAUSED");
        assertThat(checks.serviceStatus(service)).isEqualTo("OPERATIONAL");
        assertThat(checks.resume(id).<String>read("$.data.resumeCheck.check.state")).isEqualTo("UNKNOWN");
    }

    @Test
    void serviceStatus_followsTheStatesOfItsJudgedChecks() {
        String a = checks.createHttpCheck(service, "a", target.url("/a"), Map.of("failureThreshold", 1));
        String b = checks.createHttpCheck(service, "b", target.url("/b"), Map.of("failureThreshold", 1));
        String c = checks.createHttpCheck(service, "c", target.url("/c"), Map.of("failureThreshold", 1, "degradedLatencyMs", 1000,
                "timeoutSeconds", 8));
        assertThat(checks.serviceStatus(service)).as("no check judged yet").isEqualTo("OPERATIONAL");

        target.answer("/a", 500);
        checks.runNow(a);
        assertThat(statusAndReason()).as("the one judged check is down").containsExactly("MAJOR_OUTAGE", "check 'a' down");

        checks.runNow(b);
        assertThat(statusAndReason()).containsExactly("PARTIAL_OUTAGE", "1 of 2 checks down: 'a'");

        target.answer("/a", 200);
        target.answer("/c", new StubTarget.Answer(200, 1500, "slow"));
        checks.runNow(a);
        checks.runNow(c);
        assertThat(statusAndReason()).containsExactly("DEGRADED_PERFORMANCE", "degraded: 'c'");

        target.answer("/b", 500);
        checks.runNow(b);
        assertThat(statusAndReason()).as("down outranks degraded").containsExactly("PARTIAL_OUTAGE", "1 of 3 checks down: 'b'");

        target.answer("/a", 500);
        target.answer("/c", 500);
        checks.runNow(a);
        checks.runNow(c);
        assertThat(statusAndReason()).containsExactly("MAJOR_OUTAGE", "all checks 'a', 'b', 'c' down");
    }

    private List<String> statusAndReason() {
        Json found = checks.service(service, "status statusSignals { source status reason }");
        List<Map<String, Object>> signals = found.read("$.data.service.statusSignals");
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0)).containsEntry("source", "checks").containsEntry("status", found.read("$.data.service.status"));
        return List.of(found.read("$.data.service.status"), (String) signals.get(0).get("reason"));
    }
}
