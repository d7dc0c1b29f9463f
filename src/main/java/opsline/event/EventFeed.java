package opsline.event;

import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Domain events as a live stream, for subscriptions: every event this instance's {@link EventStream}
 * delivers, whichever instance wrote it. Subscribers that fall behind miss events rather than hold up
 * the others.
 */
@Singleton
public class EventFeed implements EventConsumer {

    private final Sinks.Many<DomainEvent> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public void accept(DomainEvent event) {
        sink.tryEmitNext(event);
    }

    public Flux<DomainEvent> events(String kind) {
        return sink.asFlux().filter(event -> event.kind().equals(kind));
    }
}
