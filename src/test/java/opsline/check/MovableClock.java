package opsline.check;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import opsline.system.TimeSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in contexts with {@value #PROPERTY}{@code =true}: real time shifted by an
 * offset the test sets, so runs can happen "yesterday" or "in a month" while time still passes.
 */
public final class MovableClock extends Clock {

    public static final String PROPERTY = "opsline.test.movable-clock";

    private volatile Duration offset = Duration.ZERO;

    /** Shifts the clock to real time plus {@code offset}. */
    public void shiftTo(Duration offset) {
        this.offset = offset;
    }

    /** Shifts the clock so that it reads {@code instant} now. */
    public void setTo(Instant instant) {
        this.offset = Duration.between(Instant.now(), instant);
    }

    public void reset() {
        shiftTo(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Puts the movable clock in place of {@link TimeSource}'s. */
    @Factory
    @Requires(property = PROPERTY, value = "true")
    static class Replacement {

        @Singleton
        @Replaces(value = Clock.class, factory = TimeSource.class)
        MovableClock clock() {
            return new MovableClock();
        }
    }
}
