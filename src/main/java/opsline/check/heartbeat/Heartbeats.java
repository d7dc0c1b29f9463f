package opsline.check.heartbeat;

import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckRepository;
import opsline.check.CheckState;
import opsline.check.probe.ProbeResult;
import opsline.check.schedule.ResultRecorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a job's ping means, as healthchecks.io taught cron users: {@code /ping/{key}} is success,
 * {@code /fail} failure, {@code /start} the start of a run (so the success measures its duration).
 */
@Singleton
public class Heartbeats {

    private static final int MAX_MESSAGE = 1000;

    private final CheckRepository checks;
    private final ResultRecorder recorder;
    private final Clock clock;

    public Heartbeats(CheckRepository checks, ResultRecorder recorder, Clock clock) {
        this.checks = checks;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** How a ping was taken. */
    public enum Answer {
        RECORDED,
        STARTED,
        PAUSED,
        UNKNOWN_KEY
    }

    public Answer start(String key) {
        Optional<Check> check = find(key);
        if (check.isEmpty()) {
            return Answer.UNKNOWN_KEY;
        }
        checks.markPingStarted(check.get().id(), clock.instant());
        return Answer.STARTED;
    }

    public Answer success(String key, String body) {
        return record(key, true, body);
    }

    public Answer failure(String key, String body) {
        return record(key, false, body);
    }

    private Answer record(String key, boolean success, String body) {
        Optional<Check> found = find(key);
        if (found.isEmpty()) {
            return Answer.UNKNOWN_KEY;
        }
        Check check = found.get();
        if (check.paused()) {
            return Answer.PAUSED;
        }
        Instant now = clock.instant();
        long duration = runDuration(check, now);
        String said = firstLine(body);
        String message = success
                ? "ping received" + (duration > 0 ? " after a run of " + duration / 1000 + " s" : "") + said
                : "the job reported failure" + said;
        ProbeResult result = new ProbeResult(success ? CheckState.UP : CheckState.DOWN, duration, null, message, List.of(), List.of());
        recorder.recordPing(check.id(), result, now);
        return Answer.RECORDED;
    }

    /** The time since the run's start ping, when it came within the check's allowance. */
    private static long runDuration(Check check, Instant now) {
        Instant started = check.pingStartedAt();
        if (started == null || started.isBefore(now.minus(check.heartbeatAllowance()))) {
            return 0;
        }
        return Duration.between(started, now).toMillis();
    }

    private Optional<Check> find(String key) {
        return key == null || key.isBlank() ? Optional.empty() : checks.findByPingKey(key);
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line);
    }
}
