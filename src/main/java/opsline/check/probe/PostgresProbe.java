package opsline.check.probe;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * POSTGRES: connects to {@code postgresql://user@host:port/db}, runs the query (default {@code SELECT 1})
 * and reports its first value. The password comes from the environment variable the check names; it
 * is never stored, logged or put in a result.
 */
@Singleton
class PostgresProbe implements Probe {

    private final ExecutorService blocking;
    private final ScheduledExecutorService timer;
    private final Function<String, String> environment;

    @Inject
    PostgresProbe(@Named(ProbeExecutors.BLOCKING) ExecutorService blocking, @Named(ProbeExecutors.TIMER) ScheduledExecutorService timer) {
        this(blocking, timer, System::getenv);
    }

    PostgresProbe(ExecutorService blocking, ScheduledExecutorService timer, Function<String, String> environment) {
        this.blocking = blocking;
        this.timer = timer;
        this.environment = environment;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.POSTGRES;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        return BlockingProbes.run(check, blocking, timer, () -> query(check));
    }

    private Observation query(Check check) {
        URI target = URI.create(check.target());
        long start = System.nanoTime();
        String sql = check.settings().query() == null ? "SELECT 1" : check.settings().query();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(target), properties(check, target));
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(check.timeoutSeconds());
            try (ResultSet rows = statement.executeQuery(sql)) {
                List<String> value = rows.next() ? List.of(String.valueOf(rows.getString(1))) : List.of();
                return Observation.reached(HttpProbe.elapsed(start)).withValues(value, null);
            }
        } catch (SQLException e) {
            return Observation.unreachable(HttpProbe.elapsed(start), describe(e, check, target));
        }
    }

    private static String jdbcUrl(URI target) {
        int port = target.getPort() == -1 ? 5432 : target.getPort();
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        return "jdbc:postgresql://" + target.getHost() + ":" + port + target.getRawPath() + query;
    }

    private Properties properties(Check check, URI target) {
        Properties properties = new Properties();
        String user = target.getUserInfo();
        properties.setProperty("user", user == null ? "postgres" : user);
        String passwordEnv = check.settings().passwordEnv();
        if (passwordEnv != null && environment.apply(passwordEnv) != null) {
            properties.setProperty("password", environment.apply(passwordEnv));
        }
        String seconds = String.valueOf(check.timeoutSeconds());
        Map.of("connectTimeout", seconds, "socketTimeout", seconds, "loginTimeout", seconds, "ApplicationName", "opsline-check")
                .forEach(properties::setProperty);
        return properties;
    }

    private String describe(SQLException e, Check check, URI target) {
        String passwordEnv = check.settings().passwordEnv();
        boolean passwordProblem = "28P01".equals(e.getSQLState()) || "08004".equals(e.getSQLState());
        if (passwordProblem && passwordEnv != null && environment.apply(passwordEnv) == null) {
            return "password authentication failed: the environment variable " + passwordEnv + " is not set on this instance";
        }
        if ("08001".equals(e.getSQLState()) && e.getCause() != null) {
            return Failures.describe(e.getCause(), check.timeout(), target.getHost());
        }
        return e.getMessage();
    }
}
