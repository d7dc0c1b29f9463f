package opsline.check.probe;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** TCP: does a connection to host and port open within the timeout? */
@Singleton
class TcpProbe implements Probe {

    private final ScheduledExecutorService timer;
    private final ExecutorService blocking;

    TcpProbe(@Named(ProbeExecutors.TIMER) ScheduledExecutorService timer, @Named(ProbeExecutors.BLOCKING) ExecutorService blocking) {
        this.timer = timer;
        this.blocking = blocking;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.TCP;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        URI target = URI.create(check.target());
        long start = System.nanoTime();
        // Name resolution blocks, so it happens on the blocking pool; the connect itself does not.
        return CompletableFuture.supplyAsync(() -> new InetSocketAddress(target.getHost(), target.getPort()), blocking)
                .thenCompose(address -> address.isUnresolved()
                        ? CompletableFuture.completedFuture(Observation.unreachable(HttpProbe.elapsed(start),
                        "host '" + target.getHost() + "' does not resolve"))
                        : connect(check, address, start));
    }

    private CompletableFuture<Observation> connect(Check check, InetSocketAddress address, long start) {
        CompletableFuture<Observation> observation = new CompletableFuture<>();
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open();
            channel.connect(address, null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void result, Void attachment) {
                    observation.complete(Observation.reached(HttpProbe.elapsed(start)));
                    close(channel);
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    observation.complete(Observation.unreachable(HttpProbe.elapsed(start),
                            Failures.describe(failure, check.timeout(), address.getHostString())));
                    close(channel);
                }
            });
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(Observation.unreachable(HttpProbe.elapsed(start),
                    Failures.describe(e, check.timeout(), address.getHostString())));
        }
        timer.schedule(() -> {
            if (observation.complete(Observation.unreachable(HttpProbe.elapsed(start), "timed out after " + Failures.seconds(check.timeout())))) {
                close(channel);
            }
        }, check.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return observation;
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that failed to open has nothing left to report.
        }
    }
}
