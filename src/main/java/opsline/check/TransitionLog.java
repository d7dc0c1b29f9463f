package opsline.check;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A check's changes of state, as rows of their own (old state, new state, reason, time), each with a
 * {@code check.state_changed} domain event in the same transaction: what service statuses, the status
 * page and subscriptions follow. {@link CheckTransitionListener}s act on it in that transaction too.
 */
@Singleton
public class TransitionLog {

    public static final String STATE_CHANGED = "check.state_changed";

    private final JdbcOperations jdbc;
    private final Events events;
    private final List<CheckTransitionListener> listeners;

    public TransitionLog(JdbcOperations jdbc, Events events, List<CheckTransitionListener> listeners) {
        this.jdbc = jdbc;
        this.events = events;
        this.listeners = listeners;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long record(Check check, CheckState from, CheckState to, String reason, Instant at) {
        long id = jdbc.prepareStatement("""
                INSERT INTO check_transition (check_id, service_id, from_state, to_state, reason, at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", statement -> {
            statement.setObject(1, check.id());
            statement.setObject(2, check.serviceId());
            statement.setString(3, from.name());
            statement.setString(4, to.name());
            statement.setString(5, reason);
            statement.setObject(6, at.atOffset(ZoneOffset.UTC));
            try (ResultSet key = statement.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        });
        events.publish(STATE_CHANGED, check.id().toString(), Map.of(
                "serviceId", check.serviceId().toString(), "transitionId", id, "from", from.name(), "to", to.name()));
        listeners.forEach(listener -> listener.onTransition(check, from, to, reason, at));
        return id;
    }
}
