package opsline.check.schedule;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.check.CheckApi;
import opsline.check.CheckState;
import opsline.check.CheckTables;
import opsline.check.MovableClock;
import opsline.check.StubTarget;
import opsline.check.probe.ProbeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases between instances: a check held by an instance that died is run by another once its lease has
 * passed, never before, and the dead instance cannot write over the run that replaced its own. The
 * scheduler is driven by hand.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = MovableClock.PROPERTY, value = "true")
class LeaseTakeoverTest extends AdminApiTest {

    @Inject
    CheckScheduler scheduler;
    @Inject
    ResultRecorder recorder;
    @Inject
    MovableClock clock;

    private StubTarget target;
    private CheckApi checks;
    private String service;

    @BeforeEach
    void setUp() {
        clock.reset();
        target = StubTarget.start();
        checks = new CheckApi(api, admin);
        service = checks.createService("Checkout API");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        target.close();
    }

    @Test
    void aDueCheckWhoseLeaseHasPassed_isClaimedAndRun_whileOneWithAValidLeaseIsLeftAlone() {
        UUID abandoned = create("abandoned");
        UUID held = create("held");
        lease(abandoned, "opsline-dead", "-1 second");
        lease(held, "opsline-busy", "60 seconds");

        assertThat(scheduler.claimAndStart()).isEqualTo(1);
        recordAll(1);

        assertThat(target.requests("/abandoned")).hasSize(1);
        assertThat(resultCount(abandoned)).isEqualTo(1);
        Map<String, Object> run = row(abandoned);
        assertThat(run.get("lease_owner")).as("the lease is released once the run is recorded").isNull();
        assertThat((Instant) run.get("next_run_at")).isAfter(Instant.now().plusSeconds(50));
        assertThat(checks.state(abandoned.toString())).isEqualTo("UP");

        assertThat(target.requests("/held")).isEmpty();
        assertThat(resultCount(held)).isZero();
        assertThat(row(held).get("lease_owner")).isEqualTo("opsline-busy");
    }

    @Test
    void aCheckLeasedByAnInstanceThatDiedMidRun_runsElsewhereOnlyOnceItsLeaseHasPassed() throws InterruptedException {
        UUID id = create("slow");
        target.answer("/slow", new StubTarget.Answer(200, 3000, "slow"));
        makeDue(id);

        String deadOwner;
        try (ApplicationContext doomed = ApplicationContext.run(Map.of("opsline.checks.enabled", "false"), Environment.TEST)) {
            CheckScheduler dying = doomed.getBean(CheckScheduler.class);
            deadOwner = dying.owner();
            assertThat(dying.claimAndStart()).isEqualTo(1);
            awaitRequests("/slow", 1);
        }
        target.answer("/slow", 200);
        assertThat(row(id).get("lease_owner")).isEqualTo(deadOwner);

        assertThat(scheduler.claimAndStart()).as("the dead instance's lease still holds").isZero();
        clock.shiftTo(Duration.ofSeconds(10));
        assertThat(scheduler.claimAndStart()).as("10 s later the lease (timeout 4 s + 30 s) still holds").isZero();

        clock.shiftTo(Duration.ofSeconds(4 + 30 + 2));
        assertThat(scheduler.claimAndStart()).isEqualTo(1);
        recordAll(1);

        assertThat(target.requests("/slow")).hasSize(2);
        assertThat(resultCount(id)).isEqualTo(1);
        assertThat(row(id).get("lease_owner")).isNull();
    }

    @Test
    void theLateResultOfTheInstanceThatLostTheLease_isNotRecorded() {
        UUID id = create("abandoned");
        lease(id, "opsline-dead", "-1 second");
        Instant due = (Instant) row(id).get("next_run_at");
        assertThat(scheduler.claimAndStart()).isEqualTo(1);

        ResultRecorder.Run late = new ResultRecorder.Run(id, ProbeResult.failure(12, "late result of a dead instance"),
                due.plusMillis(5), due);
        assertThat(recorder.recordLeased(List.of(late), "opsline-dead")).isZero();
        recordAll(1);

        assertThat(CheckTables.<String>value("SELECT string_agg(message, '|') FROM check_result WHERE check_id = ?", id))
                .doesNotContain("dead instance");
        assertThat(resultCount(id)).isEqualTo(1);
        assertThat(checks.state(id.toString())).isEqualTo(CheckState.UP.name());
    }

    private UUID create(String name) {
        return UUID.fromString(checks.createHttpCheck(service, name, target.url("/" + name), Map.of("intervalSeconds", 60, "timeoutSeconds", 4)));
    }

    private static void makeDue(UUID id) {
        CheckTables.update("UPDATE service_check SET next_run_at = now() - interval '1 second' WHERE id = ?", id);
    }

    /** Makes the check due and leased by {@code owner} until now plus {@code until} (a PostgreSQL interval). */
    private static void lease(UUID id, String owner, String until) {
        CheckTables.update("""
                UPDATE service_check SET next_run_at = now() - interval '1 second', lease_owner = ?,
                    lease_until = now() + CAST(? AS interval) WHERE id = ?""", owner, until, id);
    }

    private static Map<String, Object> row(UUID id) {
        return CheckTables.rows("SELECT * FROM service_check WHERE id = ?", id).get(0);
    }

    private static int resultCount(UUID id) {
        return CheckTables.count("SELECT count(*) FROM check_result WHERE check_id = ?", id);
    }

    /** Records finished runs until {@code expected} were written; fails after 15 s. */
    private void recordAll(int expected) {
        ScheduledRuns.recordAll(scheduler, expected);
    }

    private void awaitRequests(String path, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (target.requests(path).size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(target.requests(path)).hasSize(count);
    }
}
