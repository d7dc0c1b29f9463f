package opsline.check;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.TestDatabase;
import opsline.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static opsline.check.CheckApiFixtures.httpCheck;
import static org.assertj.core.api.Assertions.assertThat;

/** A check's life through the API: updates, runs on request, pausing, resuming and deletion. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class CheckLifecycleApiTest extends AdminApiTest {

    CheckApiFixtures checks;
    LoopbackTarget target;

    @BeforeEach
    void setUp() {
        checks = new CheckApiFixtures(api, admin);
        target = LoopbackTarget.start();
        createService(Map.of("name", "API"));
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void runCheckNow_probesTheTarget_andAnswersWithTheResult() {
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of(
                "conditions", List.of("[BODY].status == UP"), "headers", List.of(Map.of("name", "X-Probe", "value", "opsline")))));

        Json run = checks.runNow(id);

        assertThat(run.<Boolean>read("$.data.runCheckNow.result.success")).isTrue();
        assertThat(run.<String>read("$.data.runCheckNow.result.outcome")).isEqualTo("UP");
        assertThat(run.<Integer>read("$.data.runCheckNow.result.httpStatus")).isEqualTo(200);
        assertThat(run.<Integer>read("$.data.runCheckNow.result.latencyMs")).isNotNegative();
        assertThat(run.<String>read("$.data.runCheckNow.result.message")).matches("HTTP 200 in \\d+ ms");
        assertThat(run.<List<Boolean>>read("$.data.runCheckNow.result.conditions[*].success")).containsExactly(true);
        assertThat(run.<String>read("$.data.runCheckNow.check.state")).isEqualTo("UP");
        assertThat(target.requests()).singleElement().satisfies(headers -> assertThat(headers.getFirst("X-Probe")).isEqualTo("opsline"));
        assertThat(api.run("checkapi-byId", Map.of("id", id), admin).<Integer>read("$.data.check.results.totalCount")).isEqualTo(1);
    }

    @Test
    void runCheckNow_onAFailingTarget_reportsWhy_andTurnsDownAtTheFailureThreshold() {
        target.answer(503, "maintenance");
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of()));

        Json first = checks.runNow(id);
        Json second = checks.runNow(id);

        assertThat(first.<Boolean>read("$.data.runCheckNow.result.success")).isFalse();
        assertThat(first.<String>read("$.data.runCheckNow.result.message")).isEqualTo("HTTP 503, expected a 2xx status");
        assertThat(first.<String>read("$.data.runCheckNow.check.state")).isEqualTo("UNKNOWN");
        assertThat(second.<String>read("$.data.runCheckNow.check.state")).isEqualTo("DOWN");
        assertThat(second.<String>read("$.data.runCheckNow.result.checkState")).isEqualTo("DOWN");
    }

    @Test
    void runCheckNow_ofAnUnknownCheck_isNotFound() {
        Json run = api.run("checkapi-runNow", Map.of("id", UUID.randomUUID().toString()), admin);

        assertThat(run.<Object>read("$.data.runCheckNow.result")).isNull();
        assertThat(run.<List<String>>read("$.data.runCheckNow.userErrors[*].code")).containsExactly("NOT_FOUND");
    }

    @Test
    void updateCheck_changesOnlyTheFieldsGiven() {
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of("intervalSeconds", 30, "timeoutSeconds", 5,
                "conditions", List.of("[STATUS] == 200"), "headers", List.of(Map.of("name", "X-Probe", "value", "opsline")),
                "expectedStatus", 200, "degradedLatencyMs", 500, "failureThreshold", 3)));

        Json renamed = update(Map.of("id", id, "name", "renamed"));

        assertThat(renamed.<List<?>>read("$.data.updateCheck.userErrors")).isEmpty();
        assertThat(renamed.<Map<String, Object>>read("$.data.updateCheck.check")).containsAllEntriesOf(Map.of(
                "name", "renamed", "kind", "HTTP", "target", target.url("/health"), "intervalSeconds", 30, "timeoutSeconds", 5,
                "failureThreshold", 3, "conditions", List.of("[STATUS] == 200"), "expectedStatus", 200, "degradedLatencyMs", 500,
                "headers", List.of(Map.of("name", "X-Probe", "value", "opsline"))));
    }

    @Test
    void updateCheck_withANewTarget_startsTheStateAfresh() {
        String id = checks.failingAtOnce("api", "health");
        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");

        Json moved = update(Map.of("id", id, "target", target.url("/health")));

        assertThat(moved.<String>read("$.data.updateCheck.check.state")).isEqualTo("UNKNOWN");
        assertThat(moved.<Map<String, Object>>read("$.data.updateCheck.check.transitions.edges[0].node"))
                .containsEntry("from", "DOWN").containsEntry("to", "UNKNOWN");
        assertThat(checks.runNowForState(id)).isEqualTo("UP");
    }

    @Test
    void updateCheck_ofOtherSettings_keepsTheState() {
        String id = checks.failingAtOnce("api", "health");
        checks.runNow(id);

        Json slower = update(Map.of("id", id, "intervalSeconds", 120));

        assertThat(slower.<String>read("$.data.updateCheck.check.state")).isEqualTo("DOWN");
    }

    @Test
    void updateCheck_withMistakes_namesThemAll_andChangesNothing() {
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of()));
        checks.create(httpCheck("api", "login", target.url("/login"), Map.of()));

        Json refused = update(Map.of("id", id, "name", "login", "target", "ftp://example.com", "timeoutSeconds", 60));

        assertThat(refused.<Object>read("$.data.updateCheck.check")).isNull();
        assertThat(refused.<List<String>>read("$.data.updateCheck.userErrors[*].field")).containsExactlyInAnyOrder("name", "target", "timeoutSeconds");
        assertThat(refused.<List<String>>read("$.data.updateCheck.userErrors[?(@.field == 'name')].code")).containsExactly("TAKEN");
        Json stored = api.run("checkapi-byId", Map.of("id", id), admin);
        assertThat(stored.<String>read("$.data.check.name")).isEqualTo("health");
        assertThat(stored.<String>read("$.data.check.target")).isEqualTo(target.url("/health"));
    }

    @Test
    void updateCheck_ofAnUnknownCheck_isNotFound() {
        Json refused = update(Map.of("id", UUID.randomUUID().toString(), "name", "x"));

        assertThat(refused.<List<String>>read("$.data.updateCheck.userErrors[*].field")).containsExactly("id");
        assertThat(refused.<List<String>>read("$.data.updateCheck.userErrors[*].code")).containsExactly("NOT_FOUND");
    }

    @Test
    void deleteCheck_removesItAndItsHistory() throws SQLException {
        String id = checks.failingAtOnce("api", "health");
        checks.runNow(id);

        Json deleted = api.run("checkapi-delete", Map.of("id", id), admin);
        Json again = api.run("checkapi-delete", Map.of("id", id), admin);

        assertThat(deleted.<String>read("$.data.deleteCheck.deletedCheckId")).isEqualTo(id);
        assertThat(api.run("checkapi-byId", Map.of("id", id), admin).<Object>read("$.data.check")).isNull();
        assertThat(api.run("checkapi-serviceChecks", Map.of("slug", "api"), admin).<List<?>>read("$.data.service.checks")).isEmpty();
        assertThat(again.<List<String>>read("$.data.deleteCheck.userErrors[*].code")).containsExactly("NOT_FOUND");
        assertThat(rowsAbout(id)).as("rows left in check_transition, check_result, check_rollup")
                .containsExactly(0, 0, 0);
    }

    @Test
    void pauseCheck_takesTheCheckOutOfPlay_andResumeStartsItOverFromUnknown() {
        String id = checks.failingAtOnce("api", "health");
        checks.runNow(id);
        String responder = accounts.tokenFor(Role.RESPONDER);

        Json paused = api.run("checkapi-pause", Map.of("id", id), responder);
        Json pausedAgain = api.run("checkapi-pause", Map.of("id", id), responder);
        Json runWhilePaused = api.run("checkapi-runNow", Map.of("id", id), responder);
        Json resumed = api.run("checkapi-resume", Map.of("id", id), responder);
        Json resumedAgain = api.run("checkapi-resume", Map.of("id", id), responder);

        assertThat(paused.<String>read("$.data.pauseCheck.check.state")).isEqualTo("PAUSED");
        assertThat(paused.<Boolean>read("$.data.pauseCheck.check.paused")).isTrue();
        assertThat(paused.<Map<String, Object>>read("$.data.pauseCheck.check.transitions.edges[0].node"))
                .containsEntry("from", "DOWN").containsEntry("to", "PAUSED").containsEntry("reason", "paused by " + nameOf(responder));
        assertThat(pausedAgain.<Integer>read("$.data.pauseCheck.check.transitions.totalCount"))
                .isEqualTo(paused.<Integer>read("$.data.pauseCheck.check.transitions.totalCount"));
        assertThat(runWhilePaused.<Boolean>read("$.data.runCheckNow.result.success")).isFalse();
        assertThat(runWhilePaused.<String>read("$.data.runCheckNow.check.state")).isEqualTo("PAUSED");
        assertThat(resumed.<String>read("$.data.resumeCheck.check.state")).isEqualTo("UNKNOWN");
        assertThat(resumed.<Boolean>read("$.data.resumeCheck.check.paused")).isFalse();
        assertThat(resumed.<Map<String, Object>>read("$.data.resumeCheck.check.transitions.edges[0].node"))
                .containsEntry("from", "PAUSED").containsEntry("to", "UNKNOWN").containsEntry("reason", "resumed by " + nameOf(responder));
        assertThat(resumedAgain.<Integer>read("$.data.resumeCheck.check.transitions.totalCount"))
                .isEqualTo(resumed.<Integer>read("$.data.resumeCheck.check.transitions.totalCount"));
    }

    @Test
    void operationalActions_needAResponder_andConfigurationAnAdmin() {
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of()));
        String viewer = accounts.tokenFor(Role.VIEWER);
        String responder = accounts.tokenFor(Role.RESPONDER);
        Map<String, Object> newCheck = httpCheck("api", "other", target.url("/"), Map.of());

        assertThat(errorCodes(api.run("checkapi-create", Map.of("input", newCheck), null))).containsExactly("UNAUTHENTICATED");
        assertThat(errorCodes(api.run("checkapi-create", Map.of("input", newCheck), responder))).containsExactly("FORBIDDEN");
        assertThat(errorCodes(api.run("checkapi-update", Map.of("input", Map.of("id", id, "name", "x")), responder))).containsExactly("FORBIDDEN");
        assertThat(errorCodes(api.run("checkapi-delete", Map.of("id", id), responder))).containsExactly("FORBIDDEN");
        assertThat(errorCodes(api.run("checkapi-pause", Map.of("id", id), viewer))).containsExactly("FORBIDDEN");
        assertThat(errorCodes(api.run("checkapi-runNow", Map.of("id", id), viewer))).containsExactly("FORBIDDEN");
        assertThat(api.run("checkapi-runNow", Map.of("id", id), responder).<String>read("$.data.runCheckNow.check.state")).isEqualTo("UP");
        assertThat(api.run("checkapi-byId", Map.of("id", id), admin).<String>read("$.data.check.name")).isEqualTo("health");
    }

    private Json update(Map<String, Object> input) {
        return api.run("checkapi-update", Map.of("input", input), admin);
    }

    private static List<String> errorCodes(Json answer) {
        return answer.read("$.errors[*].extensions.code");
    }

    /** How many rows of each history table still name the check. */
    private static List<Integer> rowsAbout(String checkId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password())) {
            return List.of(count(connection, "check_transition", checkId), count(connection, "check_result", checkId),
                    count(connection, "check_rollup", checkId));
        }
    }

    private static int count(Connection connection, String table, String checkId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE check_id = ?")) {
            statement.setObject(1, UUID.fromString(checkId));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
