package opsline.check.probe;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import opsline.TestDatabase;
import opsline.check.Check;
import opsline.check.CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import static opsline.check.probe.CheckBuilder.postgres;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POSTGRES checks against the test run's database. That server trusts every loopback connection, so it
 * never asks for a password: what a password-protected server would answer is out of reach here.
 */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class PostgresProbeTest extends ProbeTest {

    private static final String PASSWORD = "s3cret-Opsline-probe-password";

    @Inject
    @Named(ProbeExecutors.BLOCKING)
    ExecutorService blocking;
    @Inject
    @Named(ProbeExecutors.TIMER)
    ScheduledExecutorService timer;
    @Inject
    JsonMapper json;
    @Inject
    Clock clock;

    @Test
    void theDefaultQuery_isUpAnswering1() {
        ProbeResult result = run(postgres(target()).build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.message()).isEqualTo("query answered 1 in " + result.latencyMs() + " ms");
    }

    @ParameterizedTest(name = "{0}, expected {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SELECT 1               | 1  | UP   | query answered 1 in
            SELECT 1               | 2  | DOWN | query answered [1], expected 2
            SELECT 'ok'            | ok | UP   | query answered ok in
            SELECT 1 WHERE false   | 1  | DOWN | query answered [], expected 1
            """)
    void expectedValue_isComparedWithTheFirstValue(String query, String expectedValue, CheckState outcome, String message) {
        ProbeResult result = run(postgres(target()).query(query).expectedValue(expectedValue).build());

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.message()).startsWith(message);
    }

    @Test
    void aResultCondition_readsTheFirstValue() {
        ProbeResult result = run(postgres(target()).query("SELECT count(*) FROM pg_stat_activity").conditions("[RESULT] > 0").build());

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
        assertThat(result.conditions()).extracting(ConditionResult::success).containsExactly(true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            a bad query          | SELEC 1 | ERROR: syntax error at or near "SELEC"
            a missing table      | SELECT * FROM no_such_table | ERROR: relation "no_such_table" does not exist
            """)
    void aFailingQuery_isDownWithPostgresqlsMessage(String name, String query, String message) {
        ProbeResult result = run(postgres(target()).query(query).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).startsWith(message);
    }

    @Test
    void aDatabaseThatDoesNotExist_isDownWithPostgresqlsMessage() {
        ProbeResult result = run(postgres(target("no_such_database")).build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).contains("database \"no_such_database\" does not exist");
    }

    @Test
    void aPortNothingListensOn_isConnectionRefused() {
        ProbeResult result = run(postgres("postgresql://postgres@127.0.0.1:" + closedPort() + "/postgres").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("connection refused");
    }

    @Test
    void aQuerySlowerThanTheTimeout_isCutAtTheTimeout() {
        long start = System.nanoTime();

        ProbeResult result = run(postgres(target()).query("SELECT pg_sleep(10)").timeoutSeconds(1).build());

        assertThat(millisSince(start)).as("run time").isLessThan(3_000);
        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.message()).isEqualTo("timed out after 1 s");
    }

    @Test
    void aPasswordVariableThatIsNotSet_doesNotStopAConnectionTheServerTrusts() {
        Check check = postgres(target()).passwordEnv("CHECKS_DB_PASSWORD").build();

        ProbeResult result = await(runnerWith(Map.of()).run(check), check);

        assertThat(result.outcome()).isEqualTo(CheckState.UP);
    }

    @Test
    void thePassword_appearsInNoResult() {
        ProbeRunner withPassword = runnerWith(Map.of("CHECKS_DB_PASSWORD", PASSWORD));
        List<CheckBuilder> checks = List.of(
                postgres(target()),
                postgres(target()).expectedValue("2"),
                postgres(target()).query("SELEC 1"),
                postgres(target("no_such_database")),
                postgres(target().replaceFirst("//[^@]+@", "//no_such_role@")),
                postgres("postgresql://postgres@127.0.0.1:" + closedPort() + "/postgres"));

        for (CheckBuilder builder : checks) {
            Check check = builder.passwordEnv("CHECKS_DB_PASSWORD").build();
            ProbeResult result = await(withPassword.run(check), check);

            assertThat(result.message()).as("message for %s", check.target()).isNotBlank().doesNotContain(PASSWORD);
            assertThat(result.conditions()).extracting(ConditionResult::detail).noneMatch(detail -> detail.contains(PASSWORD));
        }
    }

    /** A runner whose PostgreSQL probe reads variables from {@code environment} instead of this process's. */
    private ProbeRunner runnerWith(Map<String, String> environment) {
        Function<String, String> variables = environment::get;
        return new ProbeRunner(List.of(new PostgresProbe(blocking, timer, variables)), json, clock);
    }

    /** The test database as a check target: {@code postgresql://user@host:port/database}. */
    private static String target() {
        URI jdbc = URI.create(TestDatabase.url().substring("jdbc:".length()));
        return target(jdbc.getPath().substring(1));
    }

    private static String target(String database) {
        URI jdbc = URI.create(TestDatabase.url().substring("jdbc:".length()));
        return "postgresql://" + TestDatabase.user() + "@" + jdbc.getHost() + ":" + jdbc.getPort() + "/" + database;
    }
}
