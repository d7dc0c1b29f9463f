package opsline.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditRecord, Long> {

    /** Newest first, after the record {@code beforeId} (keyset pagination), optionally filtered. */
    @Query("""
            SELECT * FROM audit_record
            WHERE (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
              AND (CAST(:operation AS text) IS NULL OR operation = :operation)
              AND (CAST(:actor AS text) IS NULL OR lower(actor) = lower(:actor))
            ORDER BY id DESC
            LIMIT :limit""")
    List<AuditRecord> page(@Nullable Long beforeId, @Nullable String operation, @Nullable String actor, int limit);

    @Query("""
            SELECT count(*) FROM audit_record
            WHERE (CAST(:operation AS text) IS NULL OR operation = :operation)
              AND (CAST(:actor AS text) IS NULL OR lower(actor) = lower(:actor))""")
    long countMatching(@Nullable String operation, @Nullable String actor);
}
