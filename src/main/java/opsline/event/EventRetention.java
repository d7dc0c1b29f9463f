package opsline.event;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.system.PeriodicJob;

import java.time.Clock;
import java.time.Duration;

/** Domain events are for delivery, not history: those older than {@code opsline.events.retention} (30 days) go. */
@Singleton
class EventRetention implements PeriodicJob {

    private final EventRepository events;
    private final Clock clock;
    private final Duration retention;

    EventRetention(EventRepository events, Clock clock, @Value("${opsline.events.retention:30d}") Duration retention) {
        this.events = events;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "event-retention";
    }

    @Override
    public Duration period() {
        return Duration.ofHours(6);
    }

    @Override
    @Transactional
    public void run() {
        events.deleteOlderThan(clock.instant().minus(retention));
    }
}
