package opsline.check.probe;

import opsline.check.Check;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a blocking probe on the bounded pool and answers "timed out" at the check's timeout, whatever the probe is doing. */
final class BlockingProbes {

    private BlockingProbes() {
    }

    static CompletableFuture<Observation> run(Check check, ExecutorService blocking, ScheduledExecutorService timer,
                                              Supplier<Observation> probe) {
        long start = System.nanoTime();
        CompletableFuture<Observation> observation = CompletableFuture.supplyAsync(probe, blocking);
        timer.schedule(() -> observation.complete(Observation.unreachable(HttpProbe.elapsed(start),
                "timed out after " + Failures.seconds(check.timeout()))), check.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return observation;
    }
}
