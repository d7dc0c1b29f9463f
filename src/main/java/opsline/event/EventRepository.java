package opsline.event;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventRepository extends CrudRepository<DomainEvent, Long> {

    /**
     * Committed events after the position ({@code afterTx}, {@code afterId}), in commit-safe order: only
     * events of transactions older than every transaction still running, which can no longer be joined
     * by an event with a smaller position.
     */
    @Query("""
            SELECT id, CAST(CAST(tx AS text) AS bigint) AS tx, occurred_at, kind, subject, payload FROM domain_event
            WHERE (tx > CAST(CAST(:afterTx AS text) AS xid8) OR (tx = CAST(CAST(:afterTx AS text) AS xid8) AND id > :afterId))
              AND tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx, id
            LIMIT :limit""")
    List<DomainEvent> after(long afterTx, long afterId, int limit);

    /**
     * Whether committed events after the position wait for an older transaction still running. Its commit
     * sends no notification of its own, so the stream looks again soon instead of at the next one.
     */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM domain_event
            WHERE (tx > CAST(CAST(:afterTx AS text) AS xid8) OR (tx = CAST(CAST(:afterTx AS text) AS xid8) AND id > :afterId))
              AND tx >= pg_snapshot_xmin(pg_current_snapshot()))""")
    boolean anyHeldBack(long afterTx, long afterId);

    /** The oldest transaction still running: every event from an older one is already visible. */
    @Query("SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)")
    long oldestRunningTransaction();

    @Query("DELETE FROM domain_event WHERE occurred_at < :before")
    void deleteOlderThan(Instant before);

    /** Wakes every instance's {@link EventStream}; PostgreSQL delivers it when the transaction commits. */
    @Query("SELECT pg_notify('" + EventStream.CHANNEL + "', CAST(:id AS text)) IS NULL")
    boolean notifyListeners(long id);
}
