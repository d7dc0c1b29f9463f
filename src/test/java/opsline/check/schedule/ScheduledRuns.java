package opsline.check.schedule;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting on a scheduler driven by hand. */
final class ScheduledRuns {

    private static final long WAIT_MILLIS = 15_000;

    private ScheduledRuns() {
    }

    /** Records finished runs until {@code expected} were written; fails if they are not within 15 s. */
    static void recordAll(CheckScheduler scheduler, int expected) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        int written = 0;
        while (written < expected && System.currentTimeMillis() < deadline) {
            written += scheduler.recordFinished();
            if (written < expected) {
                sleep();
            }
        }
        assertThat(written).as("runs recorded within %d ms", WAIT_MILLIS).isEqualTo(expected);
        assertThat(scheduler.inFlight()).isZero();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
