package opsline.check;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CheckTransitionRepository extends GenericRepository<CheckTransition, Long> {

    @Query("""
            SELECT * FROM check_transition
            WHERE check_id = :checkId AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
            ORDER BY id DESC LIMIT :limit""")
    List<CheckTransition> page(UUID checkId, @Nullable Long beforeId, int limit);

    @Query("SELECT count(*) FROM check_transition WHERE check_id = :checkId")
    long count(UUID checkId);

    @Query("SELECT * FROM check_transition WHERE service_id = :serviceId ORDER BY id DESC LIMIT :limit")
    List<CheckTransition> latestOfService(UUID serviceId, int limit);

    @Query("SELECT * FROM check_transition WHERE id = :id")
    Optional<CheckTransition> find(long id);
}
