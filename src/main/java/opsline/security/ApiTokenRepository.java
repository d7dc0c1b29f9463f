package opsline.security;

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
public interface ApiTokenRepository extends CrudRepository<ApiToken, UUID> {

    Optional<ApiToken> findBySecretHash(byte[] secretHash);

    @Query("SELECT * FROM api_token WHERE user_id IN (:userIds) ORDER BY created_at, id")
    List<ApiToken> findByUserIds(Collection<UUID> userIds);

    @Query("UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    void revoke(UUID id, Instant at);

    /** Lowers tokens above a user's new role to it. */
    @Query("""
            UPDATE api_token SET role = :role
            WHERE user_id = :userId
              AND array_position(ARRAY['VIEWER','RESPONDER','ADMIN'], role) > array_position(ARRAY['VIEWER','RESPONDER','ADMIN'], :role)""")
    void capRole(UUID userId, String role);

    /** Records use to the minute, so a busy token does not write on every request. */
    @Query("""
            UPDATE api_token SET last_used_at = :now
            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')""")
    void touch(UUID id, Instant now);
}
