package opsline.incident;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TimelineRepository extends CrudRepository<TimelineEntry, UUID> {

    /** An incident's entries, newest first by when they happened. */
    @Query("""
            SELECT * FROM timeline_entry WHERE incident_id = :incidentId AND (visibility = 'PUBLIC' OR :includeInternal)
            ORDER BY occurred_at DESC, created_at DESC, id""")
    List<TimelineEntry> of(UUID incidentId, boolean includeInternal);

    /** Each incident's latest public status update that is not redacted. */
    @Query("""
            SELECT DISTINCT ON (incident_id) * FROM timeline_entry
            WHERE incident_id IN (:incidentIds) AND kind = 'STATUS_UPDATE' AND visibility = 'PUBLIC' AND redacted_at IS NULL
            ORDER BY incident_id, occurred_at DESC, created_at DESC""")
    List<TimelineEntry> latestPublicUpdates(Collection<UUID> incidentIds);

    /** The latest public status updates of public incidents: the Atom feed. */
    @Query("""
            SELECT e.* FROM timeline_entry e JOIN incident i ON i.id = e.incident_id
            WHERE i.visibility = 'PUBLIC' AND e.kind = 'STATUS_UPDATE' AND e.visibility = 'PUBLIC' AND e.redacted_at IS NULL
            ORDER BY e.occurred_at DESC LIMIT :limit""")
    List<TimelineEntry> latestPublicUpdatesEverywhere(int limit);

    /** Writes a new version, only if the entry is still at the version the editor saw. */
    @Query("""
            UPDATE timeline_entry SET body = :body, occurred_at = :occurredAt, updated_at = :at, version = version + 1
            WHERE id = :id AND version = :expectedVersion AND redacted_at IS NULL""")
    long editIfAt(UUID id, int expectedVersion, String body, Instant occurredAt, Instant at);

    /** Erases the body (a secret pasted by mistake must leave the database), keeping who redacted it and when. */
    @Query("""
            UPDATE timeline_entry SET body = '', redacted_at = :at, redacted_by = :by, updated_at = :at, version = version + 1
            WHERE id = :id AND version = :expectedVersion AND redacted_at IS NULL""")
    long redactIfAt(UUID id, int expectedVersion, String by, Instant at);

    @Query("SELECT count(*) > 0 FROM timeline_entry WHERE incident_id = :incidentId AND source_key = :sourceKey")
    boolean hasSourceKey(UUID incidentId, String sourceKey);
}
