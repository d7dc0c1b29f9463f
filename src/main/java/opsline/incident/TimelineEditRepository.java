package opsline.incident;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TimelineEditRepository extends CrudRepository<TimelineEdit, Long> {

    @Query("SELECT * FROM timeline_edit WHERE entry_id IN (:entryIds) ORDER BY version")
    List<TimelineEdit> of(Collection<UUID> entryIds);

    /** Erases every earlier version's body of a redacted entry; who edited when stays. */
    @Query("UPDATE timeline_edit SET body = '' WHERE entry_id = :entryId")
    void eraseBodies(UUID entryId);
}
