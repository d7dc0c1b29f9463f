package opsline.check;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How checks run and how long their history is kept.
 *
 * @param enabled           whether this instance runs due checks (every instance may; they share the work)
 * @param maxInFlight       probes running at once on this instance
 * @param blockingThreads   threads for probes that block (PostgreSQL, DNS, TLS)
 * @param maxBodyBytes      HTTP bodies are read up to this many bytes
 * @param tick              how often due checks are claimed
 * @param rawRetention      raw results are kept this long
 * @param hourlyRetention   hourly rollups are kept this long
 * @param dailyRetention    daily rollups are kept this long
 */
@ConfigurationProperties("opsline.checks")
public record CheckConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "512") @Min(1) int maxInFlight,
        @Bindable(defaultValue = "32") @Min(1) int blockingThreads,
        @Bindable(defaultValue = "1048576") @Min(1024) int maxBodyBytes,
        @Bindable(defaultValue = "100ms") @NotNull Duration tick,
        @Bindable(defaultValue = "14d") @NotNull Duration rawRetention,
        @Bindable(defaultValue = "7d") @NotNull Duration hourlyRetention,
        @Bindable(defaultValue = "400d") @NotNull Duration dailyRetention) {
}
