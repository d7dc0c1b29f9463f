package opsline;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each test run a database of its own, before any application context starts: a fresh database
 * on the server named by {@code OPSLINE_TEST_DATABASE_URL} (dropped at the end), or else an embedded
 * PostgreSQL that lives as long as the run. Application contexts find it through the datasource
 * system properties set here.
 */
public class TestDatabase implements LauncherSessionListener {

    private static String url;
    private static String user;
    private static String password;
    private String createdDatabase;
    private String adminUrl;
    private EmbeddedPostgres embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String serverUrl = System.getenv("OPSLINE_TEST_DATABASE_URL");
        user = envOr("OPSLINE_TEST_DATABASE_USER", "postgres");
        password = envOr("OPSLINE_TEST_DATABASE_PASSWORD", "");
        if (serverUrl == null || serverUrl.isBlank()) {
            startEmbedded();
        } else {
            createDatabaseOn(serverUrl);
        }
        System.setProperty("datasources.default.url", url);
        System.setProperty("datasources.default.username", user);
        System.setProperty("datasources.default.password", password);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (createdDatabase != null) {
                execute(adminUrl, "DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of this run's database, for tests that open connections of their own. */
    public static String url() {
        return url;
    }

    public static String user() {
        return user;
    }

    public static String password() {
        return password;
    }

    private void startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests; "
                    + "set OPSLINE_TEST_DATABASE_URL to use a server instead", e);
        }
    }

    private void createDatabaseOn(String serverUrl) {
        adminUrl = serverUrl;
        createdDatabase = "opsline_test_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1000, 9999);
        execute(serverUrl, "CREATE DATABASE " + createdDatabase);
        url = serverUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + createdDatabase);
    }

    private static void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed at '" + sql + "' on " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
