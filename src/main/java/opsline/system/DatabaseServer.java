package opsline.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where Opsline keeps its state: the PostgreSQL server named by {@code OPSLINE_DATABASE_URL}, or an
 * embedded one whose data lives under {@code OPSLINE_DATA_DIR} (default {@code ./data}).
 */
public record DatabaseServer(String url, String user, String password) {

    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    public static DatabaseServer fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("OPSLINE_DATABASE_URL", "").trim();
        if (url.isEmpty()) {
            Path dataDir = Path.of(env.getOrDefault("OPSLINE_DATA_DIR", "data"), "postgres");
            return EmbeddedDatabase.start(dataDir).server();
        }
        DatabaseServer external = new DatabaseServer(url,
                env.getOrDefault("OPSLINE_DATABASE_USER", "postgres"),
                env.getOrDefault("OPSLINE_DATABASE_PASSWORD", ""));
        external.verifyReachable();
        return external;
    }

    /** The Micronaut datasource settings that point at this server. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", user,
                "datasources.default.password", password);
    }

    private void verifyReachable() {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupFailure("OPSLINE_DATABASE_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example.com:5432/opsline, got: " + url);
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            // Reaching the server is all this checks; Flyway creates the schema afterwards.
        } catch (SQLException e) {
            throw new StartupFailure("cannot connect to PostgreSQL at " + url + " as user '" + user + "': "
                    + e.getMessage() + " (check OPSLINE_DATABASE_URL, OPSLINE_DATABASE_USER and OPSLINE_DATABASE_PASSWORD)");
        }
    }
}
