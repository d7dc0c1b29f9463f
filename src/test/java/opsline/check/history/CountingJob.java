package opsline.check.history;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import opsline.system.PeriodicJob;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A periodic job that only counts its runs, in contexts with {@value #PROPERTY}{@code =true}. */
@Singleton
@Requires(property = CountingJob.PROPERTY, value = "true")
class CountingJob implements PeriodicJob {

    static final String PROPERTY = "opsline.test.counting-job";
    static final String NAME = "test-counting";
    static final Duration PERIOD = Duration.ofHours(1);

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration period() {
        return PERIOD;
    }

    /** Takes a moment, so that other callers try while it runs. */
    @Override
    public void run() {
        runs.incrementAndGet();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int runs() {
        return runs.get();
    }
}
