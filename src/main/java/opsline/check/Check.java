package opsline.check;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A check: what to probe and how often (its definition), where it stands (its state, moved only by
 * results), and when it runs next (its schedule, with the lease of the instance running it).
 */
@MappedEntity("service_check")
public record Check(
        @Id UUID id,
        UUID serviceId,
        String name,
        CheckKind kind,
        @Nullable String target,
        @TypeDef(type = DataType.JSON) CheckSettings settings,
        @TypeDef(type = DataType.JSON) List<String> conditions,
        int intervalSeconds,
        int timeoutSeconds,
        int failureThreshold,
        int successThreshold,
        @Nullable Integer degradedLatencyMs,
        @Nullable Integer graceSeconds,
        @Nullable String pingKey,
        boolean paused,
        CheckState state,
        Instant stateSince,
        int consecutiveFailures,
        int consecutiveSuccesses,
        @Nullable Instant lastCheckedAt,
        @Nullable Instant lastPingAt,
        @Nullable Instant pingStartedAt,
        Instant nextRunAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        Instant createdAt,
        Instant updatedAt) {

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** A heartbeat is late once its interval and grace have passed without a ping. */
    public Duration heartbeatAllowance() {
        return Duration.ofSeconds(intervalSeconds + (graceSeconds == null ? 0 : graceSeconds));
    }
}
