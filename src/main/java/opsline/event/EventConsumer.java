package opsline.event;

/**
 * Something that follows domain events: cache invalidation, subscriptions, notifications. Each instance
 * of Opsline sees every committed event once, in order.
 */
public interface EventConsumer {

    void accept(DomainEvent event);
}
