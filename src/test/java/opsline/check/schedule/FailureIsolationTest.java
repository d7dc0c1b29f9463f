package opsline.check.schedule;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.StubTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One bad check never stops the others: whatever is wrong with a check, its run is recorded as a
 * failure with the reason, it is scheduled again, and the checks claimed with it run as usual. The
 * scheduler is driven by hand.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class FailureIsolationTest extends AdminApiTest {

    @Inject
    CheckScheduler scheduler;

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
    void checksThatCannotRun_areRecordedAsFailuresAndRescheduled_whileTheOthersKeepRunning() throws IOException {
        UUID good = create("good", target.url("/good"));
        UUID malformed = create("malformed condition", target.url("/malformed"));
        CheckTables.update("UPDATE service_check SET conditions = '[\"[STATUS] ==\"]' WHERE id = ?", malformed);
        UUID unparsable = create("unparsable target", target.url("/unparsable"));
        CheckTables.update("UPDATE service_check SET target = 'http://exa mple.test/health' WHERE id = ?", unparsable);
        UUID nowhere = create("nowhere", "http://127.0.0.1:" + closedPort() + "/health");
        List<UUID> all = List.of(good, malformed, unparsable, nowhere);

        runDue(all);

        assertThat(lastResult(good)).containsEntry("success", true).containsEntry("check_state", "UP");
        assertFailedWith(malformed, "the check cannot run: ");
        assertFailedWith(unparsable, "the check cannot run: ");
        assertFailedWith(nowhere, "connection refused");
        assertThat(target.requests("/malformed")).isEmpty();
        Instant ranAt = Instant.now();
        for (UUID id : all) {
            Map<String, Object> check = CheckTables.rows("SELECT * FROM service_check WHERE id = ?", id).get(0);
            assertThat(check.get("lease_owner")).as("lease of %s", check.get("name")).isNull();
            assertThat((Instant) check.get("next_run_at")).as("next run of %s", check.get("name")).isAfter(ranAt.plusSeconds(40));
        }

        runDue(all);

        assertThat(target.requests("/good")).hasSize(2);
        for (UUID id : all) {
            assertThat(CheckTables.count("SELECT count(*) FROM check_result WHERE check_id = ?", id)).isEqualTo(2);
        }
        assertThat(checks.state(malformed.toString())).isEqualTo("DOWN");
    }

    @Test
    void aRunWhoseFindingsCannotBeStoredAsTheyCame_doesNotCostTheRunsRecordedWithItTheirPlace() {
        UUID good = create("good", target.url("/good"));
        UUID nul = checkWithConditions("nul body", target.url("/nul"), List.of("[BODY] == ok"));
        target.answer("/nul", new StubTarget.Answer(200, 0, "o\u0000k"));

        assertThat(scheduler.claimAndStart()).isEqualTo(2);
        List<Throwable> failures = recordAsOneBatch(2);

        assertThat(results(good)).as("the good check's run, recorded in one batch with the other (recording threw %s)", failures)
                .isEqualTo(1);
        assertThat(results(nul)).as("the run whose body held a NUL character").isEqualTo(1);
        assertThat(lastResult(nul)).containsEntry("success", false);
        assertThat((String) lastResult(nul).get("message")).startsWith("[BODY] expected ok, was o").doesNotContain("\u0000");
    }

    /** A row the application cannot even read must not stop the claim of every other due check. */
    @Test
    void aCheckWhoseConditionsAreNotAList_cannotBeStored_soItCanNeverStopTheOthersFromRunning() {
        UUID good = create("good", target.url("/good"));
        UUID unreadable = create("unreadable conditions", target.url("/unreadable"));

        assertThatThrownBy(() -> CheckTables.update("UPDATE service_check SET conditions = '\"[STATUS] == 200\"' WHERE id = ?", unreadable))
                .as("the database refuses conditions that are not a list").hasMessageContaining("service_check_conditions_list");

        int[] claimed = new int[1];
        assertThatCode(() -> claimed[0] = scheduler.claimAndStart()).as("claiming the due checks").doesNotThrowAnyException();
        assertThat(claimed[0]).isEqualTo(2);
        ScheduledRuns.recordAll(scheduler, 2);

        assertThat(lastResult(good)).containsEntry("success", true);
    }

    private UUID create(String name, String url) {
        return checkWithConditions(name, url, List.of());
    }

    private UUID checkWithConditions(String name, String url, List<String> conditions) {
        UUID id = UUID.fromString(checks.createHttpCheck(service, name, url,
                Map.of("intervalSeconds", 60, "timeoutSeconds", 4, "failureThreshold", 1, "conditions", conditions)));
        CheckTables.update("UPDATE service_check SET next_run_at = now() - interval '1 second' WHERE id = ?", id);
        return id;
    }

    /** Claims the checks (making them due first), runs them and records their runs. */
    private void runDue(List<UUID> ids) {
        for (UUID id : ids) {
            CheckTables.update("UPDATE service_check SET next_run_at = now() - interval '1 second' WHERE id = ?", id);
        }
        assertThat(scheduler.claimAndStart()).isEqualTo(ids.size());
        ScheduledRuns.recordAll(scheduler, ids.size());
    }

    /** Waits for the claimed runs to finish, then records them with one call: one batch. Returns what recording threw. */
    private List<Throwable> recordAsOneBatch(int runs) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (scheduler.inFlight() > 0 && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        sleep(100);
        try {
            assertThat(scheduler.recordFinished()).isEqualTo(runs);
            return List.of();
        } catch (RuntimeException e) {
            return List.of(e);
        }
    }

    private static int results(UUID id) {
        return CheckTables.count("SELECT count(*) FROM check_result WHERE check_id = ?", id);
    }

    private void assertFailedWith(UUID id, String messageStart) {
        Map<String, Object> result = lastResult(id);
        assertThat(result).containsEntry("success", false).containsEntry("outcome", "DOWN").containsEntry("check_state", "DOWN");
        assertThat((String) result.get("message")).startsWith(messageStart);
    }

    private static Map<String, Object> lastResult(UUID id) {
        List<Map<String, Object>> results = CheckTables.rows(
                "SELECT * FROM check_result WHERE check_id = ? ORDER BY checked_at DESC LIMIT 1", id);
        assertThat(results).as("results of check %s", id).isNotEmpty();
        return results.get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
