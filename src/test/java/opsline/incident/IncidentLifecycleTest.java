package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incident's way from declaration to resolution and back, over the API: the status it is in, the
 * times each step records, and MTTA and MTTR computed from them.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class IncidentLifecycleTest extends ResponderApiTest {

    private static final String INCIDENT = "$.data.incident";

    @BeforeEach
    void setUp() {
        createService(Map.of("name", "Checkout API"));
    }

    @Test
    void declareIncident_numbersIncidentsInSequence_andMakesTheDeclarerCommander() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String first = incidents.declare("Checkout is failing", "P2", "checkout-api");
        String second = incidents.declare("Search is slow", "P4");

        assertThat(first).matches("INC-\\d+");
        assertThat(number(second)).isEqualTo(number(first) + 1);
        Json declared = incidents.incident(first);
        assertThat(declared.<Map<String, Object>>read(INCIDENT)).containsAllEntriesOf(Map.of(
                "number", first, "title", "Checkout is failing", "severity", "P2", "status", "INVESTIGATING",
                "visibility", "PUBLIC", "source", "MANUAL", "declaredBy", nameOf(responder), "breaches", List.of()));
        assertThat(declared.<List<Map<String, Object>>>read(INCIDENT + ".roles"))
                .containsExactly(Map.of("role", "COMMANDER", "assignee", nameOf(responder)));
        Instant declaredAt = instant(declared, "declaredAt");
        assertThat(declaredAt).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(instant(declared, "startedAt")).isEqualTo(declaredAt);
        for (String unset : List.of("acknowledgedAt", "mitigatedAt", "resolvedAt", "timeToAcknowledge", "timeToResolve")) {
            assertThat(declared.<Object>read(INCIDENT + "." + unset)).as(unset).isNull();
        }
        assertThat(bodiesOf(first, "STATUS_CHANGE")).containsExactly("Declared P2 by " + nameOf(responder) + ", investigating.");
    }

    @Test
    void declareIncident_withAMessage_postsItAsAPublicStatusUpdate() {
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P1", "message", "We are looking into it."));

        Json updates = incidents.incident(number, "latestUpdate { kind body visibility status author { name } }");

        assertThat(updates.<Map<String, Object>>read(INCIDENT + ".latestUpdate")).isEqualTo(Map.of("kind", "STATUS_UPDATE",
                "body", "We are looking into it.", "visibility", "PUBLIC", "status", "INVESTIGATING", "author", Map.of("name", nameOf(responder))));
    }

    @Test
    void acknowledgeIncident_recordsWhenAndTheTimeToAcknowledgeFromTheStart_onceOnly() {
        Instant started = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P2", "startedAt", started.toString()));

        Json acknowledged = incidents.acknowledge(number);
        Json again = incidents.acknowledge(number);

        String path = "$.data.acknowledgeIncident.incident";
        Instant acknowledgedAt = instant(acknowledged, path + ".acknowledgedAt");
        assertThat(instant(acknowledged, path + ".startedAt")).isEqualTo(started);
        assertThat(instant(acknowledged, path + ".declaredAt")).isAfter(started.plus(Duration.ofMinutes(29)));
        assertThat(acknowledged.<String>read(path + ".status")).isEqualTo("INVESTIGATING");
        assertThat(duration(acknowledged, path + ".timeToAcknowledge")).isEqualTo(Duration.between(started, acknowledgedAt))
                .isBetween(Duration.ofMinutes(30), Duration.ofMinutes(32));
        assertThat(instant(again, "$.data.acknowledgeIncident.incident.acknowledgedAt")).isEqualTo(acknowledgedAt);
        assertThat(bodiesOf(number, "STATUS_CHANGE")).containsOnlyOnce("Acknowledged by " + nameOf(responder) + ".");
    }

    @Test
    void statusChanges_recordMitigationAtTheFirstMonitoringOnly_andResolutionWithTheTimeToResolve() {
        Instant started = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P3", "startedAt", started.toString()));

        Json identified = incidents.changeStatus(number, "IDENTIFIED", "A bad deploy; rolling back.");
        Json monitoring = incidents.changeStatus(number, "MONITORING", null);
        incidents.changeStatus(number, "IDENTIFIED", "The rollback did not help.");
        Json monitoringAgain = incidents.changeStatus(number, "MONITORING", null);
        Json resolved = incidents.resolve(number, "All good again.");

        String changed = "$.data.changeIncidentStatus.incident";
        assertThat(identified.<String>read(changed + ".status")).isEqualTo("IDENTIFIED");
        assertThat(identified.<Object>read(changed + ".mitigatedAt")).isNull();
        assertThat(identified.<Object>read(changed + ".acknowledgedAt")).as("moving it acknowledges it").isNotNull();
        Instant mitigatedAt = instant(monitoring, changed + ".mitigatedAt");
        assertThat(mitigatedAt).isAfterOrEqualTo(instant(identified, changed + ".acknowledgedAt"));
        assertThat(instant(monitoringAgain, changed + ".mitigatedAt")).isEqualTo(mitigatedAt);
        String done = "$.data.resolveIncident.incident";
        Instant resolvedAt = instant(resolved, done + ".resolvedAt");
        assertThat(resolved.<String>read(done + ".status")).isEqualTo("RESOLVED");
        assertThat(resolvedAt).isAfter(mitigatedAt);
        assertThat(instant(resolved, done + ".mitigatedAt")).isEqualTo(mitigatedAt);
        assertThat(duration(resolved, done + ".timeToResolve")).isEqualTo(Duration.between(started, resolvedAt))
                .isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(2));
        assertThat(bodiesOf(number, "STATUS_CHANGE")).startsWith(
                "Status MONITORING → RESOLVED by " + nameOf(responder) + ".",
                "Status IDENTIFIED → MONITORING by " + nameOf(responder) + ".",
                "Status MONITORING → IDENTIFIED by " + nameOf(responder) + ".");
        assertThat(bodiesOf(number, "STATUS_UPDATE")).containsExactly("All good again.", "The rollback did not help.", "A bad deploy; rolling back.");
    }

    @Test
    void reopenIncident_clearsTheResolution_butKeepsAcknowledgementAndMitigation() {
        String number = incidents.declare("Checkout is failing", "P2");
        incidents.changeStatus(number, "MONITORING", null);
        Json resolved = incidents.resolve(number, "Fixed.");

        Json reopened = incidents.reopen(number, "It is back.");

        String path = "$.data.reopenIncident.incident";
        assertThat(reopened.<String>read(path + ".status")).isEqualTo("INVESTIGATING");
        assertThat(reopened.<Object>read(path + ".resolvedAt")).isNull();
        assertThat(reopened.<Object>read(path + ".timeToResolve")).isNull();
        assertThat(reopened.<String>read(path + ".acknowledgedAt")).isEqualTo(resolved.read("$.data.resolveIncident.incident.acknowledgedAt"));
        assertThat(reopened.<String>read(path + ".mitigatedAt")).isEqualTo(resolved.read("$.data.resolveIncident.incident.mitigatedAt"));
        assertThat(bodiesOf(number, "STATUS_CHANGE").get(0)).isEqualTo("Reopened by " + nameOf(responder) + ": It is back.");
        Json resolvedAgain = incidents.resolve(number, "Fixed for good.");
        assertThat(instant(resolvedAgain, "$.data.resolveIncident.incident.resolvedAt"))
                .isAfter(instant(resolved, "$.data.resolveIncident.incident.resolvedAt"));
    }

    @Test
    void changingTheStatusOfAResolvedIncident_isAConflict_andChangesNothing() {
        String number = incidents.declare("Checkout is failing", "P2");
        incidents.resolve(number, "Fixed.");
        Json before = incidents.incident(number);
        int entries = timelineSize(number);

        Json refused = incidents.mutate("changeIncidentStatus", "ChangeIncidentStatusInput",
                Map.of("number", number, "status", "MONITORING", "message", "Watching."), "incident { number }");

        assertThat(refused.<Object>read("$.data.changeIncidentStatus.incident")).isNull();
        assertThat(refused.<List<Map<String, Object>>>read("$.data.changeIncidentStatus.userErrors")).containsExactly(Map.of(
                "field", "status", "code", "CONFLICT", "message", number + " is resolved; reopen it first."));
        assertThat(incidents.incident(number).body()).isEqualTo(before.body());
        assertThat(timelineSize(number)).isEqualTo(entries);
    }

    @Test
    void reopeningAnOpenIncident_isAConflict_andChangesNothing() {
        String number = incidents.declare("Checkout is failing", "P2");
        Json before = incidents.incident(number);
        int entries = timelineSize(number);

        Json refused = incidents.mutate("reopenIncident", "ReopenIncidentInput", Map.of("number", number), "incident { number }");

        assertThat(refused.<List<Map<String, Object>>>read("$.data.reopenIncident.userErrors")).containsExactly(Map.of(
                "field", "number", "code", "CONFLICT", "message", number + " is still open."));
        assertThat(incidents.incident(number).body()).isEqualTo(before.body());
        assertThat(timelineSize(number)).isEqualTo(entries);
    }

    @Test
    void everyIncidentMutation_namingAnUnknownNumber_answersNotFound() {
        String existing = incidents.declare("Checkout is failing", "P2");
        String unknown = "INC-" + (number(existing) + 1000);
        Map<String, Map<String, Object>> inputs = Map.of(
                "acknowledgeIncident IncidentNumberInput", Map.of("number", unknown),
                "changeIncidentStatus ChangeIncidentStatusInput", Map.of("number", unknown, "status", "IDENTIFIED"),
                "resolveIncident ResolveIncidentInput", Map.of("number", unknown),
                "reopenIncident ReopenIncidentInput", Map.of("number", unknown),
                "updateIncident UpdateIncidentInput", Map.of("number", unknown, "title", "New"),
                "assignIncidentRole AssignIncidentRoleInput", Map.of("number", unknown, "role", "SCRIBE", "assignee", nameOf(responder)));

        inputs.forEach((mutation, input) -> {
            String[] nameAndType = mutation.split(" ");
            Json refused = incidents.mutate(nameAndType[0], nameAndType[1], input, "incident { number }");
            assertThat(refused.<List<Map<String, Object>>>read("$.data." + nameAndType[0] + ".userErrors")).as(mutation).containsExactly(Map.of(
                    "field", "number", "code", "NOT_FOUND", "message", "No incident is numbered '" + unknown + "'."));
        });
        assertThat(api.graphql("{ incidents { totalCount } }", Map.of(), responder).<Integer>read("$.data.incidents.totalCount")).isEqualTo(1);
    }

    @Test
    void declareIncident_withMistakes_namesEachOne_andStoresNothing() {
        String future = Instant.now().plus(Duration.ofHours(1)).toString();

        Json refused = incidents.mutate("declareIncident", "DeclareIncidentInput", Map.of("title", " ", "severity", "P1",
                "services", List.of("checkout-api", "no-such-service"), "startedAt", future), "incident { number }");

        assertThat(refused.<Object>read("$.data.declareIncident.incident")).isNull();
        assertThat(refused.<List<String>>read("$.data.declareIncident.userErrors[*].field")).containsExactlyInAnyOrder("title", "startedAt", "services.1");
        assertThat(refused.<List<String>>read("$.data.declareIncident.userErrors[*].code")).containsExactlyInAnyOrder("REQUIRED", "INVALID", "NOT_FOUND");
        assertThat(api.graphql("{ incidents { totalCount } }", Map.of(), responder).<Integer>read("$.data.incidents.totalCount")).isZero();
    }

    @Test
    void aViewer_cannotDeclareOrAcknowledge() {
        String number = incidents.declare("Checkout is failing", "P2");
        IncidentApi viewer = new IncidentApi(api, accounts.tokenFor(Role.VIEWER));

        Json declare = viewer.mutate("declareIncident", "DeclareIncidentInput", Map.of("title", "Mine", "severity", "P1"), "incident { number }");
        Json acknowledge = viewer.mutate("acknowledgeIncident", "IncidentNumberInput", Map.of("number", number), "incident { number }");

        assertThat(declare.errorMessages()).singleElement().asString().contains("RESPONDER");
        assertThat(acknowledge.errorMessages()).singleElement().asString().contains("RESPONDER");
        assertThat(incidents.incident(number).<Object>read(INCIDENT + ".acknowledgedAt")).isNull();
        assertThat(api.graphql("{ incidents { totalCount } }", Map.of(), responder).<Integer>read("$.data.incidents.totalCount")).isEqualTo(1);
    }

    private List<String> bodiesOf(String number, String kind) {
        return incidents.timeline(number).read("$.data.incident.timeline.edges[?(@.node.kind == '" + kind + "')].node.body");
    }

    private int timelineSize(String number) {
        return incidents.timeline(number).read("$.data.incident.timeline.totalCount");
    }

    static long number(String label) {
        return Long.parseLong(label.substring("INC-".length()));
    }

    static Instant instant(Json json, String path) {
        String value = json.read(path.startsWith("$") ? path : INCIDENT + "." + path);
        return OffsetDateTime.parse(value).toInstant();
    }

    static Duration duration(Json json, String path) {
        return Duration.parse(json.read(path));
    }
}
