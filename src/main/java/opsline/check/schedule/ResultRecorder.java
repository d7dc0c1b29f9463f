package opsline.check.schedule;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;
import opsline.check.CheckRepository;
import opsline.check.TransitionLog;
import opsline.check.probe.ProbeResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes what runs found, in one transaction per batch: the raw results, each check's new state and
 * schedule, the hourly and daily rollups, and a transition row plus a domain event for every change of
 * state. Scheduled runs are written only while this instance still holds their lease.
 */
@Singleton
public class ResultRecorder {

    private final CheckRepository checks;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Rollups rollups;
    private final TransitionLog transitions;
    private final JsonMapper json;
    private final Clock clock;

    public ResultRecorder(CheckRepository checks, JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                          Rollups rollups, TransitionLog transitions, JsonMapper json, Clock clock) {
        this.checks = checks;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rollups = rollups;
        this.transitions = transitions;
        this.json = json;
        this.clock = clock;
    }

    /** A probe run: which check, what it found, when it started and when it was due. */
    public record Run(UUID checkId, ProbeResult result, Instant at, Instant dueAt) {
    }

    /** A run about to be written, with the state it moves its check to and when the check runs next. */
    record Entry(Check check, ProbeResult result, Instant at, CheckStateMachine.Step step, Instant nextRunAt,
                 boolean releaseLease, Instant pingAt) {
    }

    /** Records runs this instance leased; returns how many were written. */
    public int recordLeased(List<Run> runs, String owner) {
        return transactions.executeWrite(status -> {
            Map<UUID, Check> held = checks.lockLeased(runs.stream().map(Run::checkId).toList(), owner).stream()
                    .collect(Collectors.toMap(Check::id, Function.identity()));
            Instant now = clock.instant();
            List<Entry> entries = new ArrayList<>();
            List<UUID> released = new ArrayList<>();
            for (Run run : runs) {
                Check check = held.get(run.checkId());
                if (check == null) {
                    continue;
                }
                if (check.kind() == CheckKind.HEARTBEAT && check.nextRunAt().isAfter(now)) {
                    released.add(check.id());  // a ping arrived while this lateness was being recorded
                    continue;
                }
                CheckStateMachine.Step step = CheckStateMachine.apply(check, run.result().outcome(), run.at());
                entries.add(new Entry(check, run.result(), run.at(), step, nextRun(check, run.dueAt(), now), true, null));
            }
            release(released);
            write(entries);
            return entries.size();
        });
    }

    /** Records a heartbeat ping; the next one is due after interval and grace. */
    public Check recordPing(UUID checkId, ProbeResult result, Instant at) {
        return recordOne(checkId, result, at, check -> at.plus(check.heartbeatAllowance()), at);
    }

    /** Records a run made on request; the schedule stays as it was. */
    public Check recordNow(UUID checkId, ProbeResult result, Instant at) {
        return recordOne(checkId, result, at, Check::nextRunAt, null);
    }

    private Check recordOne(UUID checkId, ProbeResult result, Instant at, Function<Check, Instant> nextRun, Instant pingAt) {
        return transactions.executeWrite(status -> {
            Check check = checks.lock(checkId).orElseThrow(() -> new IllegalStateException("check " + checkId + " is gone"));
            CheckStateMachine.Step step = CheckStateMachine.apply(check, result.outcome(), at);
            write(List.of(new Entry(check, result, at, step, nextRun.apply(check), false, pingAt)));
            return checks.findById(checkId).orElseThrow();
        });
    }

    /**
     * The next run, on the check's own beat: each check runs at a fixed phase of its interval (from its
     * id), so thousands of checks created together spread evenly over the interval instead of running in
     * bursts. At least four fifths of an interval pass between runs; a late check catches up on the next beat.
     */
    static Instant nextRun(Check check, Instant dueAt, Instant now) {
        long interval = check.intervalSeconds() * 1000L;
        long phase = Math.floorMod(check.id().getLeastSignificantBits(), interval);
        long from = Math.max(dueAt.toEpochMilli() + interval * 4 / 5, now.toEpochMilli());
        return Instant.ofEpochMilli(from + Math.floorMod(phase - from, interval));
    }

    private void write(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JdbcBatch.run(jdbc, """
                INSERT INTO check_result (check_id, checked_at, success, outcome, check_state, latency_ms, http_status, message, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""", entries, (statement, entry) -> {
            ProbeResult result = entry.result();
            statement.setObject(1, entry.check().id());
            statement.setObject(2, timestamp(entry.at()));
            statement.setBoolean(3, result.success());
            statement.setString(4, result.outcome().name());
            statement.setString(5, entry.step().state().name());
            statement.setInt(6, (int) Math.min(Integer.MAX_VALUE, result.latencyMs()));
            statement.setObject(7, result.httpStatus());
            statement.setString(8, result.message());
            statement.setString(9, details(result));
        });
        JdbcBatch.run(jdbc, """
                UPDATE service_check SET state = ?, state_since = ?, consecutive_failures = ?, consecutive_successes = ?,
                    last_checked_at = ?, next_run_at = ?, last_ping_at = coalesce(?, last_ping_at),
                    ping_started_at = CASE WHEN ? THEN NULL ELSE ping_started_at END,
                    lease_owner = CASE WHEN ? THEN NULL ELSE lease_owner END,
                    lease_until = CASE WHEN ? THEN NULL ELSE lease_until END
                WHERE id = ?""", entries, (statement, entry) -> {
            CheckStateMachine.Step step = entry.step();
            statement.setString(1, step.state().name());
            statement.setObject(2, timestamp(step.since()));
            statement.setInt(3, step.failures());
            statement.setInt(4, step.successes());
            statement.setObject(5, timestamp(entry.at()));
            statement.setObject(6, timestamp(entry.nextRunAt()));
            statement.setObject(7, entry.pingAt() == null ? null : timestamp(entry.pingAt()));
            statement.setBoolean(8, entry.pingAt() != null);
            statement.setBoolean(9, entry.releaseLease());
            statement.setBoolean(10, entry.releaseLease());
            statement.setObject(11, entry.check().id());
        });
        rollups.add(entries);
        entries.stream().filter(entry -> entry.step().changed()).forEach(entry ->
                transitions.record(entry.check(), entry.step().previous(), entry.step().state(), entry.result().message(), entry.at()));
    }

    private void release(List<UUID> ids) {
        if (!ids.isEmpty()) {
            checks.releaseLeases(ids);
        }
    }

    /**
     * Health components are always kept (they are the point of an actuator check); condition verdicts only
     * when one failed, since a run that met them all says nothing its check does not.
     */
    private String details(ProbeResult result) {
        boolean failedCondition = result.conditions().stream().anyMatch(condition -> !condition.success());
        if (!failedCondition && result.components().isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(Map.of(
                    "conditions", failedCondition ? result.conditions() : List.of(),
                    "components", result.components()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
