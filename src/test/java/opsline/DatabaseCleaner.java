package opsline;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import opsline.event.Events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Empties every table of the test database, so each test starts from nothing. */
@Singleton
public class DatabaseCleaner {

    /** PostgreSQL's deadlock_detected: a background job locked the same tables in another order. */
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 5;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Events events;

    public DatabaseCleaner(JdbcOperations jdbc, TransactionOperations<Connection> transactions, Events events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    public void clean() {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWrite(status -> {
                    truncateAll();
                    // Like any change, an emptied database makes cached pages stale.
                    events.publish("test.cleaned", "database", Map.of());
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !deadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private Void truncateAll() {
        return jdbc.execute(connection -> {
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
    }

    private static boolean deadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
