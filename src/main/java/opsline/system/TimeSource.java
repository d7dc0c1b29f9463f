package opsline.system;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The one clock every feature reads time from, so tests can fix it. */
@Factory
public class TimeSource {

    /** Ticks in microseconds, PostgreSQL's precision, so a time read back equals the time written. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
