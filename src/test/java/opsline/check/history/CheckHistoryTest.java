package opsline.check.history;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.MovableClock;
import opsline.check.StubTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What runs leave behind: hourly and daily rollups, uptime per day, latency series, and pages of
 * results and transitions. Runs are made with runCheckNow at noon (UTC) of the last three days, on a
 * movable clock; the scheduler is off.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = MovableClock.PROPERTY, value = "true")
class CheckHistoryTest extends AdminApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final int SLOW_MS = 1500;

    @Inject
    MovableClock clock;

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
    void tearDown() {
        clock.reset();
        target.close();
    }

    @Test
    void runs_addUpInHourlyAndDailyRollups_withTheirLatencies() {
        UUID id = UUID.fromString(runThreeDays());

        List<Map<String, Object>> rollups = CheckTables.rows("""
                SELECT period, period_start, runs, failures, degraded, down, latency_max, array_to_string(latency_bins, ',') AS bins
                FROM check_rollup WHERE check_id = ? ORDER BY period, period_start""", id);

        assertThat(rollups).extracting(row -> row.get("period") + " " + row.get("period_start") + " " + row.get("runs") + " runs "
                + row.get("failures") + " failed " + row.get("degraded") + " degraded " + row.get("down") + " down").containsExactly(
                "DAY " + noon(-2).truncatedTo(ChronoUnit.DAYS) + " 2 runs 1 failed 0 degraded 1 down",
                "DAY " + noon(-1).truncatedTo(ChronoUnit.DAYS) + " 3 runs 0 failed 0 degraded 0 down",
                "DAY " + noon(0).truncatedTo(ChronoUnit.DAYS) + " 2 runs 0 failed 1 degraded 0 down",
                "HOUR " + noon(-2) + " 2 runs 1 failed 0 degraded 1 down",
                "HOUR " + noon(-1) + " 3 runs 0 failed 0 degraded 0 down",
                "HOUR " + noon(0) + " 2 runs 0 failed 1 degraded 0 down");
        for (Map<String, Object> rollup : rollups) {
            int[] bins = Arrays.stream(((String) rollup.get("bins")).split(",")).mapToInt(Integer::parseInt).toArray();
            assertThat(bins).hasSize(LatencyHistogram.BINS);
            assertThat(Arrays.stream(bins).sum()).as("runs counted in %s", rollup).isEqualTo(rollup.get("runs"));
            assertThat(bins[LatencyHistogram.bin((Integer) rollup.get("latency_max"))]).as("the slowest run's bin").isPositive();
        }
        assertThat((Integer) rollups.get(2).get("latency_max")).isGreaterThanOrEqualTo(SLOW_MS);
    }

    @Test
    void uptime_hasOneEntryPerDay_withTheShareOfGoodRunsAndTheWorstState() {
        String id = runThreeDays();
        String other = checks.createHttpCheck(service, "other", target.url("/other"), Map.of("failureThreshold", 2));
        target.answer("/other", 500);
        at(0, () -> checks.runNow(other));

        Json check = checks.check(id, "uptime(days: 3) { fraction days { date runs failures uptime worstState } }");
        assertThat(check.<Double>read("$.data.check.uptime.fraction")).isCloseTo(6 / 7.0, within(1e-9));
        assertThat(check.<List<Map<String, Object>>>read("$.data.check.uptime.days")).containsExactly(
                day(-2, 2, 1, 0.5, "DOWN"), day(-1, 3, 0, 1.0, "UP"), day(0, 2, 0, 1.0, "DEGRADED"));

        Json ofService = checks.service(service, "uptime(days: 4) { fraction days { date runs failures uptime worstState } }");
        assertThat(ofService.<Double>read("$.data.service.uptime.fraction")).isCloseTo(6 / 8.0, within(1e-9));
        List<Map<String, Object>> days = ofService.read("$.data.service.uptime.days");
        assertThat(days).hasSize(4);
        assertThat(days.get(0)).containsEntry("date", TODAY.minusDays(3).toString()).containsEntry("runs", 0)
                .containsEntry("uptime", null).containsEntry("worstState", null);
        assertThat(days.subList(1, 4)).containsExactly(
                day(-2, 2, 1, 0.5, "DOWN"), day(-1, 3, 0, 1.0, "UP"), day(0, 3, 1, 2 / 3.0, "DEGRADED"));
    }

    @Test
    void latencyOverTheLast24Hours_hasAPointPerHour_withPercentilesWhereThereWereRuns() {
        String id = runThreeDays();

        List<Map<String, Object>> points = checks.check(id, "latency(range: LAST_24_HOURS) { at runs p50Ms p95Ms maxMs }")
                .read("$.data.check.latency");

        assertThat(points).hasSize(24);
        List<Instant> hours = points.stream().map(point -> Instant.parse((String) point.get("at"))).toList();
        assertThat(hours.get(23)).isEqualTo(noon(0));
        assertThat(hours.get(0)).isEqualTo(noon(0).minus(Duration.ofHours(23)));
        assertThat(points.subList(0, 23)).allSatisfy(point -> assertThat(point).containsEntry("runs", 0)
                .containsEntry("p50Ms", null).containsEntry("p95Ms", null).containsEntry("maxMs", null));
        Map<String, Object> noon = points.get(23);
        assertThat(noon).containsEntry("runs", 2);
        int max = (Integer) noon.get("maxMs");
        assertThat(max).isGreaterThanOrEqualTo(SLOW_MS);
        assertThat((Integer) noon.get("p50Ms")).as("median of a fast and a slow run").isLessThan(1000);
        assertThat((Integer) noon.get("p95Ms")).isBetween(1000, max);

        List<Map<String, Object>> days = checks.check(id, "latency(range: LAST_30_DAYS) { at runs }").read("$.data.check.latency");
        assertThat(days).hasSize(30);
        assertThat(days.subList(27, 30)).extracting(point -> point.get("runs")).containsExactly(2, 3, 2);
    }

    @Test
    void results_comeNewestFirst_inPagesWithCursors_andCanStartAtATime() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of());
        for (int i = 0; i < 5; i++) {
            checks.runNow(id);
        }
        List<Instant> all = CheckTables.rows("SELECT checked_at FROM check_result WHERE check_id = ? ORDER BY checked_at DESC",
                UUID.fromString(id)).stream().map(row -> (Instant) row.get("checked_at")).toList();
        assertThat(all).hasSize(5).doesNotHaveDuplicates();

        List<Instant> paged = new ArrayList<>();
        String after = null;
        List<Boolean> hasNext = new ArrayList<>();
        do {
            Json page = checks.check(id, "results(first: 2" + (after == null ? "" : ", after: \"" + after + "\"")
                    + ") { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { checkedAt } } }");
            assertThat(page.<Integer>read("$.data.check.results.totalCount")).isEqualTo(5);
            page.<List<String>>read("$.data.check.results.edges[*].node.checkedAt").forEach(at -> paged.add(Instant.parse(at)));
            hasNext.add(page.read("$.data.check.results.pageInfo.hasNextPage"));
            after = page.read("$.data.check.results.pageInfo.endCursor");
        } while (hasNext.get(hasNext.size() - 1));
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(hasNext).containsExactly(true, true, false);

        Json since = checks.check(id, "results(since: \"" + all.get(2) + "\") { totalCount edges { node { checkedAt } } }");
        assertThat(since.<Integer>read("$.data.check.results.totalCount")).isEqualTo(3);
        assertThat(since.<List<String>>read("$.data.check.results.edges[*].node.checkedAt")).map(Instant::parse)
                .containsExactlyElementsOf(all.subList(0, 3));
    }

    @Test
    void transitions_comeNewestFirst_inPagesWithCursors() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"), Map.of("failureThreshold", 1));
        checks.runNow(id);
        target.answer("/health", 500);
        checks.runNow(id);
        target.answer("/health", 200);
        checks.runNow(id);

        Json first = checks.check(id, "transitions(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { from to } } }");
        assertThat(first.<Integer>read("$.data.check.transitions.totalCount")).isEqualTo(3);
        assertThat(first.<List<String>>read("$.data.check.transitions.edges[*].node.to")).containsExactly("UP", "DOWN");
        assertThat(first.<Boolean>read("$.data.check.transitions.pageInfo.hasNextPage")).isTrue();

        String after = first.read("$.data.check.transitions.pageInfo.endCursor");
        Json second = checks.check(id, "transitions(first: 2, after: \"" + after + "\") { pageInfo { hasNextPage } edges { node { from to } } }");
        assertThat(second.<List<Map<String, Object>>>read("$.data.check.transitions.edges[*].node"))
                .containsExactly(Map.of("from", "UNKNOWN", "to", "UP"));
        assertThat(second.<Boolean>read("$.data.check.transitions.pageInfo.hasNextPage")).isFalse();
    }

    /**
     * A check run at noon two days ago (a success, then a failure: DOWN), yesterday (three successes)
     * and today (a slow success, DEGRADED, then a fast one); returns its id.
     */
    private String runThreeDays() {
        String id = checks.createHttpCheck(service, "health", target.url("/health"),
                Map.of("failureThreshold", 1, "degradedLatencyMs", 1000, "timeoutSeconds", 8));
        at(-2, () -> {
            checks.runNow(id);
            target.answer("/health", 500);
            checks.runNow(id);
        });
        target.answer("/health", 200);
        at(-1, () -> {
            checks.runNow(id);
            checks.runNow(id);
            checks.runNow(id);
        });
        target.answer("/health", new StubTarget.Answer(200, SLOW_MS, "slow"));
        at(0, () -> {
            checks.runNow(id);
            target.answer("/health", 200);
            checks.runNow(id);
        });
        return id;
    }

    /** Runs {@code runs} with the clock at noon {@code days} from today, then leaves it at noon today. */
    private void at(int days, Runnable runs) {
        clock.setTo(noon(days));
        runs.run();
        clock.setTo(noon(0));
    }

    private static Instant noon(int days) {
        return TODAY.plusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static Map<String, Object> day(int days, int runs, int failures, double uptime, String worstState) {
        return Map.of("date", TODAY.plusDays(days).toString(), "runs", runs, "failures", failures, "uptime", uptime,
                "worstState", worstState);
    }
}
