package opsline.event;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Delivers committed domain events to this instance's consumers. A PostgreSQL {@code LISTEN} wakes it
 * as soon as any instance commits one; it then reads the events after the last it delivered, in
 * (transaction, id) order up to the oldest transaction still running, so an event whose transaction
 * commits late, a lost notification or a dropped connection delays delivery but never loses an event.
 */
@Singleton
public class EventStream {

    static final String CHANNEL = "opsline_events";
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    /** How soon to look again when events wait for an older transaction to finish. */
    private static final Duration HELD_BACK_POLL = Duration.ofMillis(20);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final EventRepository events;
    private final List<EventConsumer> consumers;
    private volatile boolean running;
    private volatile long lastTx;
    private volatile long lastId;
    private Thread thread;

    public EventStream(DataSource dataSource, EventRepository events, List<EventConsumer> consumers) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.events = events;
        this.consumers = consumers;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        // Start at the present: everything from transactions still running, or newer, is ahead.
        lastTx = events.oldestRunningTransaction() - 1;
        lastId = Long.MAX_VALUE;
        running = true;
        thread = new Thread(this::listen, "opsline-events");
        thread.setDaemon(true);
        thread.start();
    }

    @EventListener
    synchronized void stop(ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    boolean heldBack = deliverPending();
                    postgres.getNotifications((int) (heldBack ? HELD_BACK_POLL : POLL).toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("event stream interrupted, retrying in {}s: {}", RETRY.toSeconds(), e.getMessage());
                    sleep(RETRY);
                }
            }
        }
    }

    /** Delivers what may be delivered; true when newer events wait for an older transaction. */
    private boolean deliverPending() {
        List<DomainEvent> batch;
        do {
            batch = events.after(lastTx, lastId, BATCH);
            for (DomainEvent event : batch) {
                deliver(event);
                lastTx = event.tx();
                lastId = event.id();
            }
        } while (batch.size() == BATCH);
        return events.anyHeldBack(lastTx, lastId);
    }

    private void deliver(DomainEvent event) {
        for (EventConsumer consumer : consumers) {
            try {
                consumer.accept(event);
            } catch (RuntimeException e) {
                LOG.error("event consumer {} failed on event id={} kind={}", consumer.getClass().getSimpleName(),
                        event.id(), event.kind(), e);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
