package opsline.incident;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ActionItemRepository extends CrudRepository<ActionItem, UUID> {

    @Query("SELECT * FROM action_item WHERE incident_id IN (:incidentIds) ORDER BY created_at, id")
    List<ActionItem> of(Collection<UUID> incidentIds);
}
