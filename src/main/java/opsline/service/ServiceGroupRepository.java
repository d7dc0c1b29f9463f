package opsline.service;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ServiceGroupRepository extends CrudRepository<ServiceGroup, UUID> {

    @Query("SELECT * FROM service_group WHERE lower(name) = lower(:name)")
    Optional<ServiceGroup> findByName(String name);

    @Query("SELECT * FROM service_group ORDER BY position, lower(name)")
    List<ServiceGroup> listInDisplayOrder();

    @Query("SELECT * FROM service_group WHERE id IN (:ids)")
    List<ServiceGroup> findByIds(Collection<UUID> ids);
}
