package opsline.system;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Runs the {@link PeriodicJob}s. An instance claims a job whose period has passed with a lease on its
 * {@code background_job} row, so each run happens once across instances; a failing job is logged and
 * tried again next period, and never stops the others.
 */
@Singleton
public class BackgroundJobs {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    private static final Duration TICK = Duration.ofSeconds(30);
    private static final Duration LEASE = Duration.ofMinutes(15);

    private final String owner = "opsline-" + UUID.randomUUID();
    private final List<PeriodicJob> jobs;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private volatile Thread thread;

    public BackgroundJobs(List<PeriodicJob> jobs, JdbcOperations jdbc, TransactionOperations<Connection> transactions, Clock clock) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener
    void start(StartupEvent event) {
        thread = new Thread(this::loop, "opsline-background-jobs");
        thread.setDaemon(true);
        thread.start();
    }

    @EventListener
    void stop(ShutdownEvent event) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Runs every job that is due and not held by another instance; returns how many ran. */
    public int runDue() {
        int ran = 0;
        for (PeriodicJob job : jobs) {
            if (claim(job)) {
                try {
                    job.run();
                    ran++;
                } catch (RuntimeException e) {
                    LOG.error("background job {} failed; it runs again next period", job.name(), e);
                } finally {
                    finish(job);
                }
            }
        }
        return ran;
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                runDue();
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("background jobs could not be claimed: {}", e.getMessage());
            }
        }
    }

    private boolean claim(PeriodicJob job) {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            jdbc.prepareStatement("INSERT INTO background_job (name) VALUES (?) ON CONFLICT DO NOTHING", statement -> {
                statement.setString(1, job.name());
                return statement.executeUpdate();
            });
            return jdbc.prepareStatement("""
                    UPDATE background_job SET lease_owner = ?, lease_until = ?
                    WHERE name = ? AND (last_run_at IS NULL OR last_run_at <= ?) AND (lease_until IS NULL OR lease_until < ?)""",
                    statement -> {
                        statement.setString(1, owner);
                        statement.setObject(2, now.plus(LEASE).atOffset(ZoneOffset.UTC));
                        statement.setString(3, job.name());
                        statement.setObject(4, now.minus(job.period()).atOffset(ZoneOffset.UTC));
                        statement.setObject(5, now.atOffset(ZoneOffset.UTC));
                        return statement.executeUpdate() == 1;
                    });
        });
    }

    private void finish(PeriodicJob job) {
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE background_job SET last_run_at = ?, lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?",
                statement -> {
                    statement.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
                    statement.setString(2, job.name());
                    statement.setString(3, owner);
                    return statement.executeUpdate();
                }));
    }
}
