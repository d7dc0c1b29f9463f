package opsline.check.probe;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.CheckConfiguration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads probes run on, apart from the request threads and from each other. */
@Factory
class ProbeExecutors {

    static final String HTTP = "opsline-probe-http";
    static final String BLOCKING = "opsline-probe-blocking";
    static final String TIMER = "opsline-probe-timer";

    /** Non-blocking HTTP needs few threads: they only hand over completed I/O. */
    @Singleton
    @Named(HTTP)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService http() {
        return Executors.newFixedThreadPool(4, daemon(HTTP));
    }

    /** PostgreSQL, DNS and TLS probes block; their number is bounded here. */
    @Singleton
    @Named(BLOCKING)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService blocking(CheckConfiguration configuration) {
        return Executors.newFixedThreadPool(configuration.blockingThreads(), daemon(BLOCKING));
    }

    /** Cuts probes at their timeout. */
    @Singleton
    @Named(TIMER)
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService timer() {
        return new ScheduledThreadPoolExecutor(1, daemon(TIMER));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
