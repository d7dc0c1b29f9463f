package opsline.statuspage;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.event.DomainEvent;
import opsline.event.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the rendered status page, so the page everyone hits during an outage costs no query. Any domain
 * event, from any instance, makes it stale; the next request renders it anew (one render at a time)
 * and waits for it. A page older than {@code opsline.status-page.max-age} is re-rendered too, for
 * changes that time alone makes. When rendering fails, the last good page keeps being served.
 */
@Singleton
class StatusPageCache implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPageCache.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final StatusPageRenderer renderer;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicLong generation = new AtomicLong();
    private volatile RenderedPage current;
    private volatile Instant failedAt = Instant.MIN;
    private CompletableFuture<RenderedPage> rendering;

    StatusPageCache(StatusPageRenderer renderer, @Named(TaskExecutors.BLOCKING) ExecutorService executor, Clock clock,
                    @Value("${opsline.status-page.max-age:10s}") Duration maxAge) {
        this.renderer = renderer;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public void accept(DomainEvent event) {
        generation.incrementAndGet();
    }

    CompletableFuture<RenderedPage> page() {
        RenderedPage page = current;
        Instant now = clock.instant();
        if (page != null && (isFresh(page, now) || now.isBefore(failedAt.plus(RETRY_AFTER_FAILURE)))) {
            return CompletableFuture.completedFuture(page);
        }
        return refresh();
    }

    private boolean isFresh(RenderedPage page, Instant now) {
        return page.generation() == generation.get() && page.renderedAt().plus(maxAge).isAfter(now);
    }

    private synchronized CompletableFuture<RenderedPage> refresh() {
        if (rendering != null && !rendering.isDone()) {
            return rendering;
        }
        long target = generation.get();
        rendering = CompletableFuture.supplyAsync(() -> renderer.render(target), executor)
                .handle((page, failure) -> {
                    if (failure == null) {
                        current = page;
                        return page;
                    }
                    failedAt = clock.instant();
                    if (current == null) {
                        throw new IllegalStateException("the status page could not be rendered", failure);
                    }
                    LOG.warn("status page render failed, serving the page rendered at {}: {}", current.renderedAt(), failure.getMessage());
                    return current;
                });
        return rendering;
    }
}
