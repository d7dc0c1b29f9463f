package opsline;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Empties every table of the test database, so each test starts from nothing. */
@Singleton
public class DatabaseCleaner {

    private final JdbcOperations jdbc;
    private final Events events;

    public DatabaseCleaner(JdbcOperations jdbc, Events events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void clean() {
        jdbc.execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                // Sequences are left alone: event ids must keep growing for the event stream.
                statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // Like any change, an emptied database makes cached pages stale.
        events.publish("test.cleaned", "database", Map.of());
    }
}
