package opsline.check.probe;

import jakarta.inject.Inject;
import opsline.check.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test that runs checks through the application's {@link ProbeRunner}, as the scheduler does. Concrete
 * tests carry {@code @MicronautTest(transactional = false, startApplication = false)}: probes need no HTTP
 * server, and {@code opsline.checks.enabled=false} keeps the scheduler quiet.
 */
abstract class ProbeTest {

    @Inject
    protected ProbeRunner runner;

    protected ProbeResult run(Check check) {
        return await(runner.run(check), check);
    }

    /** The result, which must arrive within the check's timeout and a generous margin for a loaded machine. */
    static ProbeResult await(CompletableFuture<ProbeResult> result, Check check) {
        try {
            return result.get(check.timeoutSeconds() + 10L, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no result for " + check.kind() + " " + check.target(), e);
        }
    }

    /** A loopback port nothing listens on: connecting to it is refused. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
