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
public interface UserRepository extends CrudRepository<User, UUID> {

    @Query("SELECT * FROM app_user WHERE lower(name) = lower(:name)")
    Optional<User> findByName(String name);

    @Query("SELECT * FROM app_user ORDER BY lower(name)")
    List<User> listInNameOrder();

    List<User> findByIdIn(Collection<UUID> ids);

    @Query("SELECT count(*) FROM app_user WHERE role = 'ADMIN' AND deactivated_at IS NULL")
    long countActiveAdmins();

    /**
     * Counts active admins and locks their rows until the transaction ends, so two admins removing each
     * other at once cannot both see the other one still there.
     */
    @Query("SELECT count(*) FROM (SELECT id FROM app_user WHERE role = 'ADMIN' AND deactivated_at IS NULL FOR UPDATE) admins")
    long lockActiveAdmins();

    @Query("UPDATE app_user SET password_hash = :hash WHERE id = :id")
    void setPasswordHash(UUID id, String hash);

    @Query("UPDATE app_user SET role = 'ADMIN', deactivated_at = NULL WHERE id = :id")
    void makeActiveAdmin(UUID id);

    @Query("UPDATE app_user SET role = :role WHERE id = :id")
    void updateRole(UUID id, Role role);

    @Query("UPDATE app_user SET deactivated_at = :at WHERE id = :id AND deactivated_at IS NULL")
    void deactivate(UUID id, Instant at);
}
