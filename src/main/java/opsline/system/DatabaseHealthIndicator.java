package opsline.system;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The {@code database} component of {@code /health} and {@code /health/readiness}: PostgreSQL answers
 * a query. It names the server version, never the connection URL or user.
 */
@Singleton
@Readiness
public class DatabaseHealthIndicator implements HealthIndicator {

    private static final String NAME = "database";

    private final JdbcOperations jdbc;

    public DatabaseHealthIndicator(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic());
    }

    private HealthResult check() {
        try {
            String version = jdbc.execute(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SHOW server_version")) {
                    result.next();
                    return result.getString(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            return HealthResult.builder(NAME, HealthStatus.UP).details(Map.of("postgresql", version)).build();
        } catch (RuntimeException e) {
            return HealthResult.builder(NAME, HealthStatus.DOWN).details(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }
}
