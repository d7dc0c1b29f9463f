package opsline.check.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckConfiguration;
import opsline.check.CheckRepository;
import opsline.check.CheckState;
import opsline.check.history.HistoryMaintenance;
import opsline.check.probe.ProbeResult;
import opsline.check.probe.ProbeRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs due checks. Every instance runs one: a claimer thread leases due checks from PostgreSQL
 * ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same check) and starts their probes,
 * at most {@code maxInFlight} at a time; a writer thread records finished runs in batches. A lease
 * outlives a dead instance only by the check's timeout and a margin; then another instance runs it.
 */
@Singleton
public class CheckScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final int CLAIM_BATCH = 500;

    private final String owner = "opsline-" + UUID.randomUUID();
    private final CheckRepository checks;
    private final TransactionOperations<Connection> transactions;
    private final ProbeRunner probes;
    private final ResultRecorder recorder;
    private final HistoryMaintenance history;
    private final CheckConfiguration configuration;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<ResultRecorder.Run> finished = new ConcurrentLinkedQueue<>();
    private final Timer lag;
    private final Counter runs;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    public CheckScheduler(CheckRepository checks, TransactionOperations<Connection> transactions, ProbeRunner probes,
                          ResultRecorder recorder, HistoryMaintenance history, CheckConfiguration configuration, Clock clock,
                          MeterRegistry meters) {
        this.checks = checks;
        this.transactions = transactions;
        this.probes = probes;
        this.recorder = recorder;
        this.history = history;
        this.configuration = configuration;
        this.clock = clock;
        this.lag = Timer.builder("opsline.checks.schedule.lag")
                .description("How late checks start: actual start minus due time")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.runs = Counter.builder("opsline.checks.runs").description("Check runs recorded by this instance").register(meters);
        Gauge.builder("opsline.checks.in.flight", inFlight, AtomicInteger::get)
                .description("Probes running on this instance").register(meters);
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (!configuration.enabled()) {
            return;
        }
        running = true;
        // A full claim means more may be due: claim again at once instead of waiting a tick.
        threads.add(loop("opsline-check-claimer", () -> claimAndStart() == CLAIM_BATCH));
        threads.add(loop("opsline-check-writer", () -> {
            recordFinished();
            return false;
        }));
    }

    @EventListener
    synchronized void stop(ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** The instance's name in leases. */
    public String owner() {
        return owner;
    }

    /** Claims what is due now and starts it; returns how many probes started. */
    public int claimAndStart() {
        int capacity = Math.min(CLAIM_BATCH, configuration.maxInFlight() - inFlight.get());
        if (capacity <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<Check> claimed = transactions.executeWrite(status -> {
            List<UUID> due = checks.lockDue(now, capacity);
            if (due.isEmpty()) {
                return List.of();
            }
            checks.lease(due, owner, now);
            return checks.findByIds(due);
        });
        claimed.forEach(this::start);
        return claimed.size();
    }

    /** Records the runs that have finished; returns how many were written. */
    public int recordFinished() {
        List<ResultRecorder.Run> batch = new ArrayList<>();
        ResultRecorder.Run run;
        while ((run = finished.poll()) != null) {
            batch.add(run);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        int written = record(batch);
        runs.increment(written);
        return written;
    }

    /**
     * Records a batch in one transaction; should that fail, each run on its own, so one run that cannot
     * be stored does not cost the others theirs. That run is recorded as a failure saying why.
     */
    private int record(List<ResultRecorder.Run> batch) {
        try {
            return recorder.recordLeased(batch, owner);
        } catch (RuntimeException batchFailure) {
            LOG.warn("recording {} runs together failed ({}); recording them one by one", batch.size(), batchFailure.getMessage());
        }
        int written = 0;
        for (ResultRecorder.Run run : batch) {
            try {
                written += recorder.recordLeased(List.of(run), owner);
            } catch (RuntimeException failure) {
                ProbeResult unstorable = ProbeResult.failure(run.result().latencyMs(),
                        "the result could not be stored: " + failure.getMessage());
                written += recorder.recordLeased(List.of(new ResultRecorder.Run(run.checkId(), unstorable, run.at(), run.dueAt())), owner);
            }
        }
        return written;
    }

    /** Probes still running on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    private void start(Check check) {
        inFlight.incrementAndGet();
        Instant started = clock.instant();
        lag.record(Duration.between(check.nextRunAt(), started).isNegative() ? Duration.ZERO : Duration.between(check.nextRunAt(), started));
        probes.run(check).whenComplete((result, failure) -> {
            inFlight.decrementAndGet();
            if (result != null && check.state() != CheckState.PAUSED) {
                finished.add(new ResultRecorder.Run(check.id(), result, started, check.nextRunAt()));
            }
        });
    }

    private Thread loop(String name, BooleanSupplier workThatMayContinue) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    if (!workThatMayContinue.getAsBoolean()) {
                        Thread.sleep(configuration.tick().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.error("{} failed, retrying in {} s", name, BACKOFF.toSeconds(), e);
                    sleep(BACKOFF);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
