package opsline.service;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ServiceRepository extends CrudRepository<Service, UUID> {

    /**
     * Services in display order: ungrouped first, then by group position and name, then by service
     * position and name.
     */
    @Query("""
            SELECT s.* FROM service s LEFT JOIN service_group g ON g.id = s.group_id
            WHERE (s.is_public OR :includeInternal)
              AND (CAST(:groupId AS uuid) IS NULL OR s.group_id = :groupId)
              AND (NOT :ungroupedOnly OR s.group_id IS NULL)
            ORDER BY g.position NULLS FIRST, lower(g.name) NULLS FIRST, s.position, lower(s.name), s.slug""")
    List<Service> listInDisplayOrder(boolean includeInternal, @Nullable UUID groupId, boolean ungroupedOnly);

    Optional<Service> findBySlug(String slug);

    List<Service> findBySlugIn(Collection<String> slugs);

    @Query("SELECT * FROM service WHERE id IN (:ids)")
    List<Service> findByIds(Collection<UUID> ids);

    @Query("""
            SELECT * FROM service WHERE group_id IN (:groupIds)
            ORDER BY position, lower(name), slug""")
    List<Service> findByGroupIds(Collection<UUID> groupIds);

    @Query("SELECT service_id, depends_on_id FROM service_dependency WHERE service_id IN (:serviceIds)")
    List<DependencyEdge> dependenciesOf(Collection<UUID> serviceIds);

    @Query("SELECT service_id, depends_on_id FROM service_dependency WHERE depends_on_id IN (:serviceIds)")
    List<DependencyEdge> dependentsOf(Collection<UUID> serviceIds);

    @Query("DELETE FROM service_dependency WHERE service_id = :serviceId")
    void clearDependencies(UUID serviceId);

    @Query("INSERT INTO service_dependency (service_id, depends_on_id) VALUES (:serviceId, :dependsOnId)")
    void addDependency(UUID serviceId, UUID dependsOnId);

    /** Whether {@code to} is reachable from {@code from} by following dependencies. */
    @Query("""
            WITH RECURSIVE reach(id) AS (
                SELECT depends_on_id FROM service_dependency WHERE service_id = :from
                UNION
                SELECT d.depends_on_id FROM service_dependency d JOIN reach r ON d.service_id = r.id)
            SELECT EXISTS (SELECT 1 FROM reach WHERE id = :to)""")
    boolean dependsTransitively(UUID from, UUID to);
}
