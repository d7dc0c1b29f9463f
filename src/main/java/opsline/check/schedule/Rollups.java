package opsline.check.schedule;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import opsline.check.CheckState;
import opsline.check.history.LatencyHistogram;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds runs to their check's hourly and daily rollup rows as they are written, so uptime bars and
 * latency charts never scan raw results. A batch is summed per row first: one upsert per check and
 * period, however many runs it holds.
 */
@Singleton
class Rollups {

    private final JdbcOperations jdbc;

    Rollups(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts for one check over one hour or day. */
    private static final class Sum {
        final UUID checkId;
        final String period;
        final Instant start;
        int runs;
        int failures;
        int degraded;
        int down;
        int latencyMax;
        final Integer[] bins = new Integer[LatencyHistogram.BINS];

        Sum(UUID checkId, String period, Instant start) {
            this.checkId = checkId;
            this.period = period;
            this.start = start;
            Arrays.fill(bins, 0);
        }

        void add(ResultRecorder.Entry entry) {
            runs++;
            failures += entry.result().success() ? 0 : 1;
            degraded += entry.result().outcome() == CheckState.DEGRADED ? 1 : 0;
            down += entry.step().state() == CheckState.DOWN ? 1 : 0;
            int latency = (int) Math.min(Integer.MAX_VALUE, entry.result().latencyMs());
            latencyMax = Math.max(latencyMax, latency);
            bins[LatencyHistogram.bin(latency)]++;
        }
    }

    void add(List<ResultRecorder.Entry> entries) {
        Map<String, Sum> sums = new LinkedHashMap<>();
        for (ResultRecorder.Entry entry : entries) {
            for (ChronoUnit unit : List.of(ChronoUnit.HOURS, ChronoUnit.DAYS)) {
                Instant start = entry.at().truncatedTo(unit);
                String period = unit == ChronoUnit.HOURS ? "HOUR" : "DAY";
                sums.computeIfAbsent(entry.check().id() + period + start, key -> new Sum(entry.check().id(), period, start)).add(entry);
            }
        }
        JdbcBatch.run(jdbc, """
                INSERT INTO check_rollup (check_id, period, period_start, runs, failures, degraded, down, latency_max, latency_bins)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (check_id, period, period_start) DO UPDATE SET
                    runs = check_rollup.runs + excluded.runs,
                    failures = check_rollup.failures + excluded.failures,
                    degraded = check_rollup.degraded + excluded.degraded,
                    down = check_rollup.down + excluded.down,
                    latency_max = greatest(check_rollup.latency_max, excluded.latency_max),
                    latency_bins = histogram_add(check_rollup.latency_bins, excluded.latency_bins)""",
                new ArrayList<>(sums.values()), (statement, sum) -> {
                    statement.setObject(1, sum.checkId);
                    statement.setString(2, sum.period);
                    statement.setObject(3, ResultRecorder.timestamp(sum.start));
                    statement.setInt(4, sum.runs);
                    statement.setInt(5, sum.failures);
                    statement.setInt(6, sum.degraded);
                    statement.setInt(7, sum.down);
                    statement.setInt(8, sum.latencyMax);
                    statement.setArray(9, statement.getConnection().createArrayOf("integer", sum.bins));
                });
    }
}
