package opsline.incident;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Response targets per severity (defaults from the operations guides: P1 acknowledge in 15 minutes and
 * resolve in an hour, P2 1 h / 4 h, P3 4 h / 24 h, P4 24 h / a week), and how long an automatic incident
 * stays quiet in MONITORING before it resolves itself.
 */
@ConfigurationProperties("opsline.incidents")
public record IncidentConfiguration(
        @Bindable(defaultValue = "15m") @NotNull Duration p1Acknowledge,
        @Bindable(defaultValue = "1h") @NotNull Duration p1Resolve,
        @Bindable(defaultValue = "1h") @NotNull Duration p2Acknowledge,
        @Bindable(defaultValue = "4h") @NotNull Duration p2Resolve,
        @Bindable(defaultValue = "4h") @NotNull Duration p3Acknowledge,
        @Bindable(defaultValue = "24h") @NotNull Duration p3Resolve,
        @Bindable(defaultValue = "24h") @NotNull Duration p4Acknowledge,
        @Bindable(defaultValue = "7d") @NotNull Duration p4Resolve,
        @Bindable(defaultValue = "10m") @NotNull Duration autoResolveQuietPeriod) {
}
