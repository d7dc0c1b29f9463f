package opsline.event;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/** Records domain events. */
@Singleton
public class Events {

    private final EventRepository events;
    private final Clock clock;

    public Events(EventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records an event in the caller's transaction: it exists exactly when the change it describes does. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public DomainEvent publish(String kind, String subject, Map<String, Object> payload) {
        DomainEvent event = events.save(new DomainEvent(null, null, clock.instant(), kind, subject, payload));
        events.notifyListeners(event.id());
        return event;
    }
}
