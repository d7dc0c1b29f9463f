package opsline.system;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/** Keeps {@code /prometheus} clean for promtool: no meter without help text, none with a misleading name. */
@Factory
public class MetricsFilters {

    /** Meters whose names break Prometheus conventions and that add nothing the others do not say. */
    private static final Set<String> DROPPED = Set.of("process.cpu.time", "system.cpu.count");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests Opsline served, by method, route and status",
            "executor", "Time tasks spent running in Opsline's thread pools");

    @Singleton
    MeterFilter dropUnconventionalMeters() {
        return MeterFilter.deny(id -> DROPPED.contains(id.getName()));
    }

    @Singleton
    MeterFilter describeUndescribedMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null) {
                    return id;
                }
                String description = DESCRIPTIONS.getOrDefault(id.getName(), "Opsline meter " + id.getName());
                return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(),
                        description, id.getType());
            }
        };
    }
}
