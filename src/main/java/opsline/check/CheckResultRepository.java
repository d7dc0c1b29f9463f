package opsline.check;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CheckResultRepository extends GenericRepository<CheckResult, Long> {

    /** A check's results, newest first, before {@code before} and not older than {@code since}. */
    @Query("""
            SELECT * FROM check_result
            WHERE check_id = :checkId
              AND (CAST(:before AS timestamptz) IS NULL OR checked_at < :before)
              AND (CAST(:since AS timestamptz) IS NULL OR checked_at >= :since)
            ORDER BY checked_at DESC, id DESC
            LIMIT :limit""")
    List<CheckResult> page(UUID checkId, @Nullable Instant before, @Nullable Instant since, int limit);

    @Query("""
            SELECT count(*) FROM check_result
            WHERE check_id = :checkId AND (CAST(:since AS timestamptz) IS NULL OR checked_at >= :since)""")
    long count(UUID checkId, @Nullable Instant since);

    /** Each check's latest result, found through the time its check row records. */
    @Query("""
            SELECT r.* FROM check_result r JOIN service_check c ON c.id = r.check_id AND c.last_checked_at = r.checked_at
            WHERE c.id IN (:checkIds)""")
    List<CheckResult> latest(Collection<UUID> checkIds);
}
