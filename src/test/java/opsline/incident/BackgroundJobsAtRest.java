package opsline.incident;

import opsline.check.CheckTables;
import opsline.system.PeriodicJob;

import java.util.List;
import java.util.Map;

/**
 * Keeps the background jobs thread from writing while a test truncates or counts rows: the cleaner's
 * TRUNCATE and a job's writes take table locks in different orders and can deadlock. Tests wait for the
 * start-up run to finish, and mark every job as just run after each clean so the 30 s ticks find nothing due.
 */
final class BackgroundJobsAtRest {

    private static final String THREAD = "opsline-background-jobs";
    private static final long WAIT_MILLIS = 30_000;

    private BackgroundJobsAtRest() {
    }

    /** Waits until every background jobs thread sleeps between ticks, that is, has finished its start-up run. */
    static void awaitStartupRun() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && anyBusy()) {
            Thread.sleep(50);
        }
    }

    /** Marks every job as just run, so none is due for the length of a test. */
    static void holdOff(List<PeriodicJob> jobs) {
        for (PeriodicJob job : jobs) {
            CheckTables.update("""
                    INSERT INTO background_job (name, last_run_at) VALUES (?, now())
                    ON CONFLICT (name) DO UPDATE SET last_run_at = now()""", job.name());
        }
    }

    private static boolean anyBusy() {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            if (thread.getKey().getName().equals(THREAD) && !sleeping(thread.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sleeping(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(Thread.class.getName()) && frame.getMethodName().startsWith("sleep")) {
                return true;
            }
        }
        return false;
    }
}
