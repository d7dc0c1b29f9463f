package opsline.system;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.ApiTest;
import opsline.Json;
import opsline.TestDatabase;
import opsline.security.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OperationsEndpointsTest extends ApiTest {

    @Inject
    JdbcOperations jdbc;

    @Test
    void health_isUpWithADatabaseComponentNamingThePostgresqlVersionOnly() {
        Json health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>read("$.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.details.database.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.details.database.details.postgresql")).matches("\\d+(\\.\\d+)?.*");
        assertThat(health.body()).doesNotContain(TestDatabase.url(), "jdbc:", "5432");
    }

    @Test
    void livenessAndReadiness_areUp_andReadinessChecksTheDatabase() {
        Json liveness = api.get("/health/liveness");
        Json readiness = api.get("/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.<String>read("$.status")).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.<String>read("$.status")).isEqualTo("UP");
        assertThat(readiness.<String>read("$.details.database.status")).isEqualTo("UP");
    }

    @Test
    void prometheus_answersTheTextFormatWithHelpForEveryMetric() {
        api.get("/health");

        Json metrics = api.get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        assertThat(metrics.body())
                .contains("# HELP http_server_requests_seconds ", "# TYPE http_server_requests_seconds ")
                .contains("http_server_requests_seconds_count{")
                .contains("# HELP jvm_memory_used_bytes ", "jvm_memory_used_bytes{")
                .doesNotContain("process_cpu_time_ns_total", "system_cpu_count");
        List<String> lines = Arrays.asList(metrics.body().split("\n"));
        for (String type : lines.stream().filter(line -> line.startsWith("# TYPE ")).toList()) {
            String name = type.split(" ")[2];
            assertThat(lines).as("help text for " + name).anyMatch(line -> line.startsWith("# HELP " + name + " "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*"})
    void unknownPath_answersJsonToPrograms(String accept) {
        Json missing = api.get("/no/such/page", "Accept", accept);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/json");
        assertThat(missing.<String>read("$.message")).isEqualTo("Nothing lives at /no/such/page.");
    }

    @Test
    void unknownPath_answersAPageToBrowsers() {
        Json missing = api.get("/no/such/page", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
        Document page = Jsoup.parse(missing.body());
        assertThat(page.title()).contains("Page not found");
        assertThat(page.select("h1").text()).isEqualTo("Page not found");
        assertThat(page.select("main").text()).contains("Nothing lives at /no/such/page.");
    }

    @Test
    void requestThatFailsUnexpectedly_answersAReferenceWithoutSqlOrStackTrace() {
        String admin = accounts.tokenFor(Role.ADMIN);

        Json failed = whileTableIsMissing("api_token",
                () -> api.graphql("{ services { totalCount } }", Map.of(), admin));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.<String>read("$.message")).matches("Internal error \\(reference [0-9a-f]{8}\\); the server log has the details\\.");
        assertNoInternals(failed);
    }

    @Test
    void graphqlFieldThatFailsUnexpectedly_answersAReferenceWithoutSqlOrStackTrace() {
        String admin = accounts.tokenFor(Role.ADMIN);

        Json failed = whileTableIsMissing("service",
                () -> api.graphql("{ services { totalCount } }", Map.of(), admin));

        assertThat(failed.<String>read("$.errors[0].extensions.code")).isEqualTo("INTERNAL");
        assertThat(failed.errorMessages().get(0)).startsWith("Internal error (reference ");
        assertNoInternals(failed);
    }

    private static void assertNoInternals(Json answer) {
        assertThat(answer.body()).doesNotContainIgnoringCase("select")
                .doesNotContain("relation", "_hidden", "SQLException", "Exception:", "at opsline.", "at io.micronaut.");
    }

    /** Runs the request with the table renamed away, as a broken schema would have it, then puts it back. */
    private Json whileTableIsMissing(String table, Supplier<Json> request) {
        execute("ALTER TABLE " + table + " RENAME TO " + table + "_hidden");
        try {
            return request.get();
        } finally {
            execute("ALTER TABLE " + table + "_hidden RENAME TO " + table);
        }
    }

    private void execute(String sql) {
        jdbc.execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
