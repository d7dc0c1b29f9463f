package opsline.check.history;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.check.CheckState;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Uptime bars and latency series, read from the rollups (never from raw results). Days are UTC days. */
@Singleton
public class CheckHistory {

    private final JdbcOperations jdbc;
    private final Clock clock;

    public CheckHistory(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One day of runs.
     *
     * @param uptime     the share of runs that succeeded, or null without runs
     * @param worstState DOWN if the check was down during the day, DEGRADED if a run failed or was slow, UP
     *                   if all went well, null without runs
     */
    public record UptimeDay(LocalDate date, int runs, int failures, Double uptime, CheckState worstState) {
    }

    /** Days oldest first, ending today, and the uptime over all of them. */
    public record Uptime(Double fraction, List<UptimeDay> days) {
    }

    /** Latency of the runs in one hour or day; percentiles from the rollups' histograms. */
    public record LatencyPoint(Instant at, int runs, Integer p50Ms, Integer p95Ms, Integer maxMs) {
    }

    /** The windows latency series cover, and the rollup each reads. */
    public enum LatencyRange {
        LAST_24_HOURS("HOUR", ChronoUnit.HOURS, 24),
        LAST_30_DAYS("DAY", ChronoUnit.DAYS, 30);

        final String period;
        final ChronoUnit unit;
        final int points;

        LatencyRange(String period, ChronoUnit unit, int points) {
            this.period = period;
            this.unit = unit;
            this.points = points;
        }
    }

    /** The uptime of each service over its checks. */
    @Transactional(readOnly = true)
    public Map<UUID, Uptime> ofServices(Collection<UUID> serviceIds, int days) {
        return uptime("""
                SELECT c.service_id AS owner, r.period_start, sum(r.runs) AS runs, sum(r.failures) AS failures,
                       sum(r.degraded) AS degraded, sum(r.down) AS down
                FROM check_rollup r JOIN service_check c ON c.id = r.check_id
                WHERE c.service_id = ANY(?) AND r.period = 'DAY' AND r.period_start >= ?
                GROUP BY c.service_id, r.period_start""", serviceIds, days);
    }

    /** The uptime of each check. */
    @Transactional(readOnly = true)
    public Map<UUID, Uptime> ofChecks(Collection<UUID> checkIds, int days) {
        return uptime("""
                SELECT r.check_id AS owner, r.period_start, r.runs, r.failures, r.degraded, r.down
                FROM check_rollup r
                WHERE r.check_id = ANY(?) AND r.period = 'DAY' AND r.period_start >= ?""", checkIds, days);
    }

    /** Latency over the range for these checks together, one point per hour or day, oldest first. */
    @Transactional(readOnly = true)
    public List<LatencyPoint> latency(Collection<UUID> checkIds, LatencyRange range) {
        Instant now = clock.instant().truncatedTo(range.unit);
        Instant from = range.unit == ChronoUnit.DAYS ? now.minus(range.points - 1L, ChronoUnit.DAYS) : now.minus(range.points - 1L, ChronoUnit.HOURS);
        Map<Instant, LatencyPoint> found = new HashMap<>();
        if (!checkIds.isEmpty()) {
            jdbc.prepareStatement("""
                    SELECT period_start, sum(runs) AS runs, max(latency_max) AS latency_max, histogram_sum(latency_bins) AS bins
                    FROM check_rollup WHERE check_id = ANY(?) AND period = ? AND period_start >= ?
                    GROUP BY period_start""", statement -> {
                statement.setArray(1, uuids(statement.getConnection(), checkIds));
                statement.setString(2, range.period);
                statement.setObject(3, from.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Instant at = rows.getObject("period_start", OffsetDateTime.class).toInstant();
                        Integer[] bins = (Integer[]) rows.getArray("bins").getArray();
                        int max = rows.getInt("latency_max");
                        found.put(at, new LatencyPoint(at, rows.getInt("runs"), LatencyHistogram.percentile(bins, 0.5, max),
                                LatencyHistogram.percentile(bins, 0.95, max), max));
                    }
                }
                return null;
            });
        }
        List<LatencyPoint> series = new ArrayList<>();
        for (Instant at = from; !at.isAfter(now); at = at.plus(1, range.unit)) {
            series.add(found.getOrDefault(at, new LatencyPoint(at, 0, null, null, null)));
        }
        return series;
    }

    private Map<UUID, Uptime> uptime(String sql, Collection<UUID> ids, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<UUID, Map<LocalDate, UptimeDay>> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.prepareStatement(sql, statement -> {
                statement.setArray(1, uuids(statement.getConnection(), ids));
                statement.setObject(2, first.atStartOfDay().atOffset(ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UptimeDay day = day(rows);
                        found.computeIfAbsent(rows.getObject("owner", UUID.class), key -> new HashMap<>()).put(day.date(), day);
                    }
                }
                return null;
            });
        }
        Map<UUID, Uptime> uptimes = new HashMap<>();
        for (UUID id : ids) {
            Map<LocalDate, UptimeDay> own = found.getOrDefault(id, Map.of());
            List<UptimeDay> bars = new ArrayList<>();
            int runs = 0;
            int failures = 0;
            for (LocalDate date = first; !date.isAfter(today); date = date.plusDays(1)) {
                UptimeDay day = own.getOrDefault(date, new UptimeDay(date, 0, 0, null, null));
                runs += day.runs();
                failures += day.failures();
                bars.add(day);
            }
            uptimes.put(id, new Uptime(runs == 0 ? null : (runs - failures) / (double) runs, bars));
        }
        return uptimes;
    }

    private static UptimeDay day(ResultSet rows) throws SQLException {
        LocalDate date = rows.getObject("period_start", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        int runs = rows.getInt("runs");
        int failures = rows.getInt("failures");
        CheckState worst = rows.getInt("down") > 0 ? CheckState.DOWN
                : failures > 0 || rows.getInt("degraded") > 0 ? CheckState.DEGRADED : CheckState.UP;
        return new UptimeDay(date, runs, failures, runs == 0 ? null : (runs - failures) / (double) runs, runs == 0 ? null : worst);
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }
}
