package opsline.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IncidentRepository extends CrudRepository<Incident, UUID> {

    Optional<Incident> findByNumber(long number);

    @Query("SELECT * FROM incident WHERE number = :number FOR UPDATE")
    Optional<Incident> lock(long number);

    @Query("SELECT * FROM incident WHERE id IN (:ids)")
    List<Incident> findByIds(Collection<UUID> ids);

    /** Newest first (by number), after {@code beforeNumber}, filtered; {@code statuses} is a comma-separated list. */
    @Query("""
            SELECT i.* FROM incident i
            WHERE (i.visibility = 'PUBLIC' OR :includeInternal)
              AND (CAST(:statuses AS text) IS NULL OR i.status = ANY(string_to_array(:statuses, ',')))
              AND (CAST(:severity AS text) IS NULL OR i.severity = :severity)
              AND (CAST(:serviceId AS uuid) IS NULL OR EXISTS (
                    SELECT 1 FROM incident_service s WHERE s.incident_id = i.id AND s.service_id = :serviceId))
              AND (CAST(:beforeNumber AS bigint) IS NULL OR i.number < :beforeNumber)
            ORDER BY i.number DESC
            LIMIT :limit""")
    List<Incident> page(boolean includeInternal, @Nullable String statuses, @Nullable String severity,
                        @Nullable UUID serviceId, @Nullable Long beforeNumber, int limit);

    @Query("""
            SELECT count(*) FROM incident i
            WHERE (i.visibility = 'PUBLIC' OR :includeInternal)
              AND (CAST(:statuses AS text) IS NULL OR i.status = ANY(string_to_array(:statuses, ',')))
              AND (CAST(:severity AS text) IS NULL OR i.severity = :severity)
              AND (CAST(:serviceId AS uuid) IS NULL OR EXISTS (
                    SELECT 1 FROM incident_service s WHERE s.incident_id = i.id AND s.service_id = :serviceId))""")
    long count(boolean includeInternal, @Nullable String statuses, @Nullable String severity, @Nullable UUID serviceId);

    @Query("""
            SELECT s.incident_id, s.service_id, s.impact, v.is_public AS service_public
            FROM incident_service s JOIN service v ON v.id = s.service_id
            WHERE s.incident_id IN (:incidentIds) ORDER BY lower(v.name)""")
    List<AffectedService> affectedServices(Collection<UUID> incidentIds);

    @Query("DELETE FROM incident_service WHERE incident_id = :incidentId")
    void clearAffectedServices(UUID incidentId);

    @Query("INSERT INTO incident_service (incident_id, service_id, impact) VALUES (:incidentId, :serviceId, :impact)")
    void addAffectedService(UUID incidentId, UUID serviceId, String impact);

    @Query("SELECT incident_id, role, assignee, assigned_at FROM incident_role WHERE incident_id IN (:incidentIds) ORDER BY role")
    List<RoleAssignment> roles(Collection<UUID> incidentIds);

    @Query("""
            INSERT INTO incident_role (incident_id, role, assignee, assigned_at) VALUES (:incidentId, :role, :assignee, :at)
            ON CONFLICT (incident_id, role) DO UPDATE SET assignee = excluded.assignee, assigned_at = excluded.assigned_at""")
    void assignRole(UUID incidentId, String role, String assignee, Instant at);

    /** Open incidents' impacts on these services, worst incidents first. */
    @Query("""
            SELECT s.service_id, s.impact, i.number, i.title, i.visibility FROM incident_service s JOIN incident i ON i.id = s.incident_id
            WHERE i.status <> 'RESOLVED' AND s.service_id IN (:serviceIds)
            ORDER BY i.severity, i.number""")
    List<OpenImpact> openImpacts(Collection<UUID> serviceIds);

    /** Which open incidents affect these services. */
    @Query("""
            SELECT s.incident_id, s.service_id, s.impact, true AS service_public FROM incident_service s JOIN incident i ON i.id = s.incident_id
            WHERE i.status <> 'RESOLVED' AND s.service_id IN (:serviceIds) ORDER BY i.number DESC""")
    List<AffectedService> openImpactIds(Collection<UUID> serviceIds);

    /** Open incidents affecting a service. */
    @Query("""
            SELECT i.* FROM incident i JOIN incident_service s ON s.incident_id = i.id
            WHERE s.service_id = :serviceId AND i.status <> 'RESOLVED' ORDER BY i.number""")
    List<Incident> openAffecting(UUID serviceId);

    @Query("SELECT * FROM incident WHERE source = 'CHECK' AND auto_service_id = :serviceId AND status <> 'RESOLVED'")
    Optional<Incident> findOpenAutomatic(UUID serviceId);

    @Query("SELECT * FROM incident WHERE source = 'INTEGRATION' AND source_key = :key AND status <> 'RESOLVED'")
    Optional<Incident> findOpenByKey(String key);

    /** The latest incident of an integration key, open or not: where resolved alerts of a redelivery go. */
    @Query("SELECT * FROM incident WHERE source = 'INTEGRATION' AND source_key = :key ORDER BY number DESC LIMIT 1")
    Optional<Incident> findLatestByKey(String key);

    /**
     * Automatic incidents in MONITORING whose service has had no DOWN check since {@code quietSince}: none is
     * DOWN now, and none went DOWN or recovered from DOWN since then.
     */
    @Query("""
            SELECT i.* FROM incident i
            WHERE i.source = 'CHECK' AND i.status = 'MONITORING' AND i.updated_at < :quietSince
              AND NOT EXISTS (SELECT 1 FROM service_check c WHERE c.service_id = i.auto_service_id AND c.state = 'DOWN')
              AND NOT EXISTS (SELECT 1 FROM check_transition t WHERE t.service_id = i.auto_service_id AND t.at >= :quietSince
                              AND 'DOWN' IN (t.from_state, t.to_state))""")
    List<Incident> quietAutomatic(Instant quietSince);

    @Query("SELECT * FROM incident WHERE declared_at >= :since AND (CAST(:severity AS text) IS NULL OR severity = :severity)")
    List<Incident> declaredSince(Instant since, @Nullable String severity);

    @Query("SELECT * FROM incident WHERE status <> 'RESOLVED'")
    List<Incident> open();
}
