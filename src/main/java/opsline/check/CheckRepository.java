package opsline.check;

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
public interface CheckRepository extends CrudRepository<Check, UUID> {

    @Query("SELECT * FROM service_check WHERE service_id IN (:serviceIds) ORDER BY lower(name)")
    List<Check> findByServiceIds(Collection<UUID> serviceIds);

    @Query("SELECT * FROM service_check WHERE service_id = :serviceId AND lower(name) = lower(:name)")
    Optional<Check> findByServiceAndName(UUID serviceId, String name);

    Optional<Check> findByPingKey(String pingKey);

    /**
     * Due checks nobody holds, oldest due first, locked so that concurrent claimers skip them: the
     * first half of a claim.
     */
    @Query("""
            SELECT id FROM service_check
            WHERE NOT paused AND next_run_at <= :now AND (lease_until IS NULL OR lease_until < :now)
            ORDER BY next_run_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<UUID> lockDue(Instant now, int limit);

    /**
     * The second half of a claim: the lease that makes the checks this instance's until it records them,
     * or until their timeout and a margin have passed, when another instance may take them over.
     */
    @Query("""
            UPDATE service_check SET lease_owner = :owner,
                lease_until = CAST(:now AS timestamptz) + make_interval(secs => timeout_seconds + 30)
            WHERE id IN (:ids)""")
    void lease(Collection<UUID> ids, String owner, Instant now);

    @Query("SELECT * FROM service_check WHERE id IN (:ids)")
    List<Check> findByIds(Collection<UUID> ids);

    /** The checks among these that this instance still holds, locked until its transaction ends. */
    @Query("SELECT * FROM service_check WHERE id IN (:ids) AND lease_owner = :owner FOR UPDATE")
    List<Check> lockLeased(Collection<UUID> ids, String owner);

    @Query("UPDATE service_check SET lease_owner = NULL, lease_until = NULL WHERE id IN (:ids)")
    void releaseLeases(Collection<UUID> ids);

    @Query("SELECT * FROM service_check WHERE id = :id FOR UPDATE")
    Optional<Check> lock(UUID id);

    @Query("UPDATE service_check SET ping_started_at = :at WHERE id = :id")
    void markPingStarted(UUID id, Instant at);
}
