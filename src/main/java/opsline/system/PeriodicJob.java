package opsline.system;

import java.time.Duration;

/**
 * Upkeep that one instance does for all, every so often (retention, partitions). {@link BackgroundJobs}
 * runs each once per period across every instance sharing the database.
 */
public interface PeriodicJob {

    /** A stable name: the job's row in {@code background_job}. */
    String name();

    Duration period();

    void run();
}
