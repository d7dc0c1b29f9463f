package opsline.system;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * PostgreSQL advisory locks: how Opsline instances sharing one database take turns at work that
 * must happen once, such as creating the first admin.
 */
@Singleton
public class AdvisoryLocks {

    /** The lock keys in use, in one place so two features never share one by accident. */
    public enum Key {
        ADMIN_BOOTSTRAP(1001),
        DEMO_CATALOG(1002),
        AUTOMATIC_INCIDENT(1003),
        ALERT_GROUP(1004);

        private final int id;

        Key(int id) {
            this.id = id;
        }
    }

    private final JdbcOperations jdbc;

    public AdvisoryLocks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the lock, which is held until the surrounding transaction ends. */
    public void lockForTransaction(Key key) {
        jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                statement.setLong(1, key.id);
                statement.execute();
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException("could not take advisory lock " + key, e);
            }
        });
    }

    /** Like {@link #lockForTransaction(Key)}, for one subject of a kind of work (such as one service). */
    public void lockForTransaction(Key key, UUID subject) {
        jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                statement.setInt(1, key.id);
                statement.setInt(2, subject.hashCode());
                statement.execute();
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException("could not take advisory lock " + key + " for " + subject, e);
            }
        });
    }
}
