package opsline.console;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConsoleSessionRepository extends CrudRepository<ConsoleSession, byte[]> {

    @Query("SELECT * FROM console_session WHERE id_hash = :idHash AND expires_at > :now")
    Optional<ConsoleSession> findLive(byte[] idHash, Instant now);

    @Query("DELETE FROM console_session WHERE id_hash = :idHash")
    void deleteByHash(byte[] idHash);

    @Query("DELETE FROM console_session WHERE expires_at <= :now")
    void deleteExpired(Instant now);
}
