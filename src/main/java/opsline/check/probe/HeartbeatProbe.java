package opsline.check.probe;

import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * HEARTBEAT checks are pushed to, not probed: the scheduler only reaches one when its ping is late, and
 * this says so.
 */
@Singleton
class HeartbeatProbe implements Probe {

    private final Clock clock;

    HeartbeatProbe(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.HEARTBEAT;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        Instant since = check.lastPingAt() == null ? check.createdAt() : check.lastPingAt();
        String last = check.lastPingAt() == null ? "no ping yet" : "last ping " + ago(since) + " ago";
        return CompletableFuture.completedFuture(Observation.unreachable(0, last + "; expected one every "
                + human(check.interval()) + (check.graceSeconds() == null ? "" : " (grace " + human(Duration.ofSeconds(check.graceSeconds())) + ")")));
    }

    private String ago(Instant since) {
        return human(Duration.between(since, clock.instant()));
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 86_400 + " days";
    }
}
