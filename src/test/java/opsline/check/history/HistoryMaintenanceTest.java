package opsline.check.history;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.MovableClock;
import opsline.check.StubTarget;
import opsline.system.BackgroundJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History within its retention (raw results 14 days, hourly rollups 7, daily 400, the defaults): day
 * partitions made ahead and dropped whole, rollups deleted, and the upkeep run once per period however
 * many instances ask. The scheduler is off; the clock moves.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = MovableClock.PROPERTY, value = "true")
@Property(name = CountingJob.PROPERTY, value = "true")
class HistoryMaintenanceTest extends AdminApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    HistoryMaintenance maintenance;
    @Inject
    BackgroundJobs jobs;
    @Inject
    MovableClock clock;
    @Inject
    CountingJob counting;

    private StubTarget target;
    private String checkId;

    /** Jobs stay off the background threads' hands: they run when a test says. */
    @BeforeEach
    void setUp() {
        clock.reset();
        holdJob(maintenance.name());
        holdJob(CountingJob.NAME);
        target = StubTarget.start();
        CheckApi checks = new CheckApi(api, admin);
        checkId = checks.createHttpCheck(checks.createService("Checkout API"), "health", target.url("/health"), Map.of());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        target.close();
    }

    @Test
    void ensurePartitions_makesOnePartitionPerDayFromYesterdayToThreeDaysAhead_andResultsLandInTheirDays() {
        clock.setTo(noon(30));

        maintenance.ensurePartitions();
        new CheckApi(api, admin).runNow(checkId);

        assertThat(partitions()).contains(partition(29), partition(30), partition(31), partition(32), partition(33))
                .doesNotContain(partition(28), partition(34));
        assertThat(CheckTables.<String>value("SELECT tableoid::regclass::text FROM check_result WHERE check_id = ?", UUID.fromString(checkId)))
                .isEqualTo(partition(30));
    }

    @Test
    void run_dropsResultPartitionsOlderThanTheRawRetention_andDeletesExpiredRowsAndRollups() {
        CheckApi checks = new CheckApi(api, admin);
        UUID id = UUID.fromString(checkId);
        for (int days : new int[] {-20, -13}) {
            clock.setTo(noon(days));
            maintenance.ensurePartitions();
            checks.runNow(checkId);
        }
        clock.reset();
        insertResult(id, noon(-30));
        insertResult(id, noon(-5));
        assertThat(CheckTables.count("SELECT count(*) FROM check_result_default WHERE check_id = ?", id)).isEqualTo(2);

        maintenance.run();

        assertThat(partitions()).doesNotContain(partition(-21), partition(-20), partition(-17), partition(-15))
                .contains(partition(-14), partition(-13), partition(-1), partition(0), partition(3));
        assertThat(resultDays(id)).containsExactly(TODAY.minusDays(13), TODAY.minusDays(5));
        assertThat(rollups(id)).containsExactly("DAY " + TODAY.minusDays(20), "DAY " + TODAY.minusDays(13));
    }

    /** Partitions are dropped by the application's clock; expired rows and rollups must go by the same clock. */
    @Test
    void run_judgesRowsAndRollupsExpiredByTheApplicationsClock_likePartitions() {
        UUID id = UUID.fromString(checkId);
        new CheckApi(api, admin).runNow(checkId);
        insertResult(id, noon(-8));
        clock.shiftTo(Duration.ofDays(10));

        maintenance.run();

        assertThat(resultDays(id)).as("a result 18 days old by the clock, in the default partition").doesNotContain(TODAY.minusDays(8));
        assertThat(rollups(id)).as("today's hourly rollup is 10 days old by the clock").containsExactly("DAY " + TODAY);
    }

    @Test
    void aJobRunsOncePerPeriod_evenWhenTwoInstancesAskForItTogether() throws Exception {
        try (ApplicationContext other = ApplicationContext.run(Map.of("opsline.checks.enabled", "false",
                MovableClock.PROPERTY, "true", CountingJob.PROPERTY, "true"), Environment.TEST)) {
            CountingJob otherCounting = other.getBean(CountingJob.class);
            int before = counting.runs() + otherCounting.runs();
            CheckTables.update("UPDATE background_job SET last_run_at = NULL WHERE name = ?", CountingJob.NAME);

            askTogether(jobs, other.getBean(BackgroundJobs.class));
            assertThat(counting.runs() + otherCounting.runs() - before).as("runs after the first calls").isEqualTo(1);
            askTogether(jobs, other.getBean(BackgroundJobs.class));
            assertThat(counting.runs() + otherCounting.runs() - before).as("runs within the same period").isEqualTo(1);

            Duration later = CountingJob.PERIOD.plusMinutes(1);
            clock.shiftTo(later);
            other.getBean(MovableClock.class).shiftTo(later);
            askTogether(jobs, other.getBean(BackgroundJobs.class));
            assertThat(counting.runs() + otherCounting.runs() - before).as("runs once the period passed").isEqualTo(2);
            assertThat(counting.runs()).as("this instance's runs").isLessThanOrEqualTo(before + 2);
        }
    }

    /** Four threads on each instance call runDue at the same moment. */
    private static void askTogether(BackgroundJobs here, BackgroundJobs there) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            BackgroundJobs instance = i % 2 == 0 ? here : there;
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return instance.runDue();
            }));
        }
        go.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /** Marks the job as run at the end of time, so that nobody runs it until a test clears the mark. */
    private static void holdJob(String name) {
        CheckTables.update("""
                INSERT INTO background_job (name, last_run_at) VALUES (?, 'infinity')
                ON CONFLICT (name) DO UPDATE SET last_run_at = 'infinity', lease_owner = NULL, lease_until = NULL""", name);
    }

    private static void insertResult(UUID checkId, Instant at) {
        CheckTables.update("""
                INSERT INTO check_result (check_id, checked_at, success, outcome, check_state, latency_ms, message)
                VALUES (?, ?, true, 'UP', 'UP', 3, 'inserted by the test')""", checkId, at);
    }

    private static List<String> partitions() {
        return CheckTables.rows("""
                SELECT child.relname AS name FROM pg_inherits i
                JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE parent.relname = 'check_result'""").stream().map(row -> (String) row.get("name")).toList();
    }

    private static List<LocalDate> resultDays(UUID checkId) {
        return CheckTables.rows("SELECT checked_at FROM check_result WHERE check_id = ? ORDER BY checked_at", checkId).stream()
                .map(row -> LocalDate.ofInstant((Instant) row.get("checked_at"), ZoneOffset.UTC)).toList();
    }

    /** The check's rollups as "PERIOD date", oldest first, days before hours. */
    private static List<String> rollups(UUID checkId) {
        return CheckTables.rows("SELECT period, period_start FROM check_rollup WHERE check_id = ? ORDER BY period, period_start", checkId)
                .stream().map(row -> row.get("period") + " " + LocalDate.ofInstant((Instant) row.get("period_start"), ZoneOffset.UTC))
                .toList();
    }

    private static String partition(int days) {
        return "check_result_" + DateTimeFormatter.BASIC_ISO_DATE.format(TODAY.plusDays(days));
    }

    private static Instant noon(int days) {
        return TODAY.plusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
