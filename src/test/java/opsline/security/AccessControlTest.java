package opsline.security;

import graphql.language.Type;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import net.minidev.json.JSONValue;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.incident.IncidentApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Every mutation in the schema, tried by viewers who may not run it. Documents are built from the schema itself. */
@MicronautTest(transactional = false)
class AccessControlTest extends AdminApiTest {

    /** The least role each mutation needs. A mutation added to the schema must be classified here. */
    private static final Map<String, Role> MINIMUM_ROLE = Map.ofEntries(
            entry("createService", Role.ADMIN),
            entry("updateService", Role.ADMIN),
            entry("deleteService", Role.ADMIN),
            entry("createServiceGroup", Role.ADMIN),
            entry("updateServiceGroup", Role.ADMIN),
            entry("deleteServiceGroup", Role.ADMIN),
            entry("createUser", Role.ADMIN),
            entry("updateUser", Role.ADMIN),
            entry("deactivateUser", Role.ADMIN),
            entry("createApiToken", Role.ADMIN),
            entry("revokeApiToken", Role.ADMIN),
            entry("setServiceStatus", Role.RESPONDER),
            entry("clearServiceStatus", Role.RESPONDER),
            entry("createCheck", Role.ADMIN),
            entry("updateCheck", Role.ADMIN),
            entry("deleteCheck", Role.ADMIN),
            entry("pauseCheck", Role.RESPONDER),
            entry("resumeCheck", Role.RESPONDER),
            entry("runCheckNow", Role.RESPONDER),
            entry("declareIncident", Role.RESPONDER),
            entry("acknowledgeIncident", Role.RESPONDER),
            entry("updateIncident", Role.RESPONDER),
            entry("changeIncidentStatus", Role.RESPONDER),
            entry("assignIncidentRole", Role.RESPONDER),
            entry("resolveIncident", Role.RESPONDER),
            entry("reopenIncident", Role.RESPONDER),
            entry("addTimelineEntry", Role.RESPONDER),
            entry("editTimelineEntry", Role.RESPONDER),
            entry("redactTimelineEntry", Role.RESPONDER),
            entry("updatePostmortem", Role.RESPONDER),
            entry("addActionItem", Role.RESPONDER),
            entry("completeActionItem", Role.RESPONDER),
            entry("receiveAlertmanagerAlerts", Role.RESPONDER),
            entry("setUserPassword", Role.ADMIN));

    private static final MutationDocuments DOCUMENTS = MutationDocuments.fromClasspathSchema();

    static Stream<String> mutations() {
        return DOCUMENTS.mutationNames().stream();
    }

    static Stream<Arguments> mutationsAndRolesBelowTheirMinimum() {
        return mutations().flatMap(mutation -> Arrays.stream(Role.values())
                .filter(role -> !role.includes(minimumRole(mutation)))
                .map(role -> Arguments.of(mutation, role)));
    }

    @Test
    void everyMutationInTheSchema_hasAMinimumRoleInThisTest() {
        Set<String> unclassified = new HashSet<>(DOCUMENTS.mutationNames());
        unclassified.removeAll(MINIMUM_ROLE.keySet());
        Set<String> stale = new HashSet<>(MINIMUM_ROLE.keySet());
        DOCUMENTS.mutationNames().forEach(stale::remove);

        assertThat(unclassified).as("Mutation fields missing from MINIMUM_ROLE; add each with the least role it needs").isEmpty();
        assertThat(stale).as("MINIMUM_ROLE entries that are not Mutation fields any more").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void anonymousViewers_areRefusedAsUnauthenticated_andTheAttemptIsAuditedAsDenied(String mutation) {
        Json answer = api.graphql(DOCUMENTS.document(mutation));

        assertRefused(answer, mutation, "UNAUTHENTICATED");
        assertOneDeniedRecord(mutation, "anonymous", null);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("mutationsAndRolesBelowTheirMinimum")
    void viewersBelowTheMinimumRole_areRefusedAsForbidden_andTheAttemptIsAuditedAsDenied(String mutation, Role role) {
        String token = accounts.tokenFor(role);

        Json answer = api.graphql(DOCUMENTS.document(mutation), Map.of(), token);

        assertRefused(answer, mutation, "FORBIDDEN");
        assertOneDeniedRecord(mutation, nameOf(token), role.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void viewersWithTheMinimumRole_areNotRefused(String mutation) {
        Role minimum = minimumRole(mutation);
        String token = minimum == Role.ADMIN ? admin : accounts.tokenFor(minimum);

        Json answer = api.graphql(DOCUMENTS.document(mutation), Map.of(), token);

        assertThat(answer.errorMessages()).as(answer.toString()).isEmpty();
        assertThat(answer.<String>read("$.data." + mutation + ".__typename")).endsWith("Payload");
    }

    /** The payloads of incident mutations: a mutation answering with one of them must have an entry in INCIDENT_WRITES. */
    private static final Set<String> INCIDENT_PAYLOADS = Set.of("IncidentPayload", "TimelineEntryPayload", "ActionItemPayload",
            "AlertIntakePayload");

    private static final Map<String, Object> FIRING_ALERT = Map.of(
            "version", "4",
            "status", "firing",
            "groupKey", "{}:{alertname=\"HighLatency\"}",
            "commonLabels", Map.of("alertname", "HighLatency", "severity", "critical"),
            "commonAnnotations", Map.of("summary", "Checkout latency is high"),
            "alerts", List.of(Map.of("status", "firing", "labels", Map.of("alertname", "HighLatency"), "annotations", Map.of(),
                    "startsAt", "2024-03-05T07:00:00Z", "fingerprint", "a1b2c3")));

    /** Each incident mutation with an input a responder's call succeeds with, against the incidents {@link #seedIncidents} makes. */
    private static final Map<String, IncidentWrite> INCIDENT_WRITES = Map.ofEntries(
            entry("declareIncident", new IncidentWrite("DeclareIncidentInput",
                    seed -> Map.of("title", "Another incident", "severity", "P3", "message", "A new one."))),
            entry("acknowledgeIncident", new IncidentWrite("IncidentNumberInput", seed -> Map.of("number", seed.open()))),
            entry("updateIncident", new IncidentWrite("UpdateIncidentInput",
                    seed -> Map.of("number", seed.open(), "title", "Renamed", "visibility", "INTERNAL"))),
            entry("changeIncidentStatus", new IncidentWrite("ChangeIncidentStatusInput",
                    seed -> Map.of("number", seed.open(), "status", "IDENTIFIED", "message", "Found it."))),
            entry("assignIncidentRole", new IncidentWrite("AssignIncidentRoleInput",
                    seed -> Map.of("number", seed.open(), "role", "SCRIBE", "assignee", seed.responder()))),
            entry("resolveIncident", new IncidentWrite("ResolveIncidentInput", seed -> Map.of("number", seed.open(), "message", "Fixed."))),
            entry("reopenIncident", new IncidentWrite("ReopenIncidentInput", seed -> Map.of("number", seed.resolved(), "message", "Back."))),
            entry("addTimelineEntry", new IncidentWrite("AddTimelineEntryInput",
                    seed -> Map.of("number", seed.open(), "kind", "STATUS_UPDATE", "body", "More news."))),
            entry("editTimelineEntry", new IncidentWrite("EditTimelineEntryInput",
                    seed -> Map.of("id", seed.entryId(), "expectedVersion", 1, "body", "Edited."))),
            entry("redactTimelineEntry", new IncidentWrite("RedactTimelineEntryInput", seed -> Map.of("id", seed.entryId(), "expectedVersion", 1))),
            entry("updatePostmortem", new IncidentWrite("UpdatePostmortemInput",
                    seed -> Map.of("number", seed.open(), "summary", "What happened.", "rootCause", "Why."))),
            entry("addActionItem", new IncidentWrite("AddActionItemInput", seed -> Map.of("number", seed.open(), "title", "Alert sooner."))),
            entry("completeActionItem", new IncidentWrite("CompleteActionItemInput", seed -> Map.of("id", seed.actionItemId()))),
            entry("receiveAlertmanagerAlerts", new IncidentWrite("AlertmanagerInput", seed -> Map.of("payload", FIRING_ALERT))));

    /** Everything incident mutations could change, as an admin reads it. */
    private static final String INCIDENT_STATE = """
            { incidents(first: 10) { totalCount edges { node {
                number title severity status visibility acknowledgedAt resolvedAt sourceKey roles { role assignee }
                timeline(first: 30) { totalCount edges { node { id kind body visibility version redacted } } }
                postmortem { summary impact rootCause wentWell wentWrong updatedAt }
                actionItems { id title done doneBy } } } } }""";

    static Stream<String> incidentMutations() {
        return INCIDENT_WRITES.keySet().stream().sorted();
    }

    @Test
    void everyIncidentMutationInTheSchema_hasAWorkingInputInThisTest_andNeedsAResponder() {
        Set<String> incidentMutations = DOCUMENTS.mutationNames().stream()
                .filter(mutation -> INCIDENT_PAYLOADS.contains(DOCUMENTS.payloadType(mutation)))
                .collect(Collectors.toSet());

        assertThat(incidentMutations).as("incident mutations in the schema; add any missing one to INCIDENT_WRITES")
                .containsExactlyInAnyOrderElementsOf(INCIDENT_WRITES.keySet());
        assertThat(incidentMutations).allSatisfy(mutation -> assertThat(minimumRole(mutation)).as(mutation).isEqualTo(Role.RESPONDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidentMutations")
    void incidentMutations_withWorkingInput_areRefusedToAnonymousViewers_andStoreNothing(String mutation) {
        Seed seed = seedIncidents();
        String before = incidentState();

        Json answer = runIncidentWrite(mutation, seed, null);

        assertRefused(answer, mutation, "UNAUTHENTICATED");
        assertThat(answer.<String>read("$.errors[0].message")).startsWith("Authentication required");
        assertThat(incidentState()).as("incidents after a refused %s", mutation).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidentMutations")
    void incidentMutations_withWorkingInput_areRefusedToViewers_andStoreNothing(String mutation) {
        Seed seed = seedIncidents();
        String viewer = accounts.tokenFor(Role.VIEWER);
        String before = incidentState();

        Json answer = runIncidentWrite(mutation, seed, viewer);

        assertRefused(answer, mutation, "FORBIDDEN");
        assertThat(answer.<String>read("$.errors[0].message")).contains("needs the RESPONDER role");
        assertThat(incidentState()).as("incidents after a refused %s", mutation).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidentMutations")
    void incidentMutations_withWorkingInput_areCarriedOutForResponders(String mutation) {
        Seed seed = seedIncidents();
        String before = incidentState();

        Json answer = runIncidentWrite(mutation, seed, seed.responderToken());

        assertThat(answer.errorMessages()).as(answer.toString()).isEmpty();
        assertThat(answer.<List<?>>read("$.data." + mutation + ".userErrors")).as(answer.toString()).isEmpty();
        assertThat(incidentState()).as("incidents after %s", mutation).isNotEqualTo(before);
    }

    @Test
    void alertmanagerWebhook_refusesAnonymousCallersAndViewers_andStoresNothing() {
        String before = incidentState();

        Json anonymous = postAlert(null);
        Json viewer = postAlert(accounts.tokenFor(Role.VIEWER));

        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(403);
        assertThat(viewer.body()).contains("needs the RESPONDER role");
        assertThat(incidentState()).isEqualTo(before);
        assertThat(postAlert(accounts.tokenFor(Role.RESPONDER)).status()).as("a responder's delivery is taken").isEqualTo(200);
        assertThat(incidentState()).isNotEqualTo(before);
    }

    @Test
    void refusedMutations_changeNothing() {
        seedWhatTheDummyInputsNameAsX();
        String viewer = accounts.tokenFor(Role.VIEWER);
        String before = api.run("access-state", Map.of(), admin).body();

        for (String mutation : DOCUMENTS.mutationNames()) {
            assertThat(api.graphql(DOCUMENTS.document(mutation)).errorMessages()).as(mutation).isNotEmpty();
            assertThat(api.graphql(DOCUMENTS.document(mutation), Map.of(), viewer).errorMessages()).as(mutation).isNotEmpty();
        }

        Json after = api.run("access-state", Map.of(), admin);
        assertThat(after.<Integer>read("$.data.services.totalCount")).isEqualTo(1);
        assertThat(after.<List<String>>read("$.data.users[*].name")).hasSize(3).contains("x");
        assertThat(after.body()).isEqualTo(before);
    }

    /** A service, group and user named "x" with a manual status, so refused attempts would have had something to change. */
    private void seedWhatTheDummyInputsNameAsX() {
        api.graphql("mutation { createService(input: {name: \"x\", group: \"x\"}) { userErrors { code } } }", Map.of(), admin);
        api.graphql("mutation { setServiceStatus(input: {service: \"x\", status: MAJOR_OUTAGE, reason: \"x\"}) { userErrors { code } } }",
                Map.of(), admin);
        api.graphql("mutation { createUser(input: {name: \"x\", role: RESPONDER}) { userErrors { code } } }", Map.of(), admin);
        api.graphql("mutation { createApiToken(input: {user: \"x\", name: \"x\"}) { userErrors { code } } }", Map.of(), admin);
    }

    /** What incident mutations act on: an open and a resolved public incident, a note on the open one, an action item. */
    private record Seed(String responderToken, String responder, String open, String resolved, String entryId, String actionItemId) {
    }

    /** An incident mutation's input type and a working input against a {@link Seed}. */
    private record IncidentWrite(String inputType, Function<Seed, Map<String, Object>> input) {
    }

    private Seed seedIncidents() {
        String token = accounts.tokenFor(Role.RESPONDER);
        IncidentApi incidents = new IncidentApi(api, token);
        String open = incidents.declare(Map.of("title", "Checkout failing", "severity", "P2", "message", "Looking into it."));
        String resolved = incidents.declare("Search was down", "P3");
        incidents.resolve(resolved, "Fixed.");
        String entryId = incidents.addEntry(open, Map.of("kind", "NOTE", "body", "A note."));
        Json item = incidents.mutate("addActionItem", "AddActionItemInput", Map.of("number", open, "title", "Page sooner."), "actionItem { id }");
        return new Seed(token, nameOf(token), open, resolved, entryId, item.read("$.data.addActionItem.actionItem.id"));
    }

    private Json runIncidentWrite(String mutation, Seed seed, String token) {
        IncidentWrite write = INCIDENT_WRITES.get(mutation);
        return api.graphql("mutation ($input: " + write.inputType() + "!) { " + mutation + "(input: $input) { __typename userErrors { code message } } }",
                Map.of("input", write.input().apply(seed)), token);
    }

    private String incidentState() {
        Json state = api.graphql(INCIDENT_STATE, Map.of(), admin);
        assertThat(state.errorMessages()).as(state.toString()).isEmpty();
        return state.body();
    }

    private Json postAlert(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/alerts/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONValue.toJSONString(FIRING_ALERT)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    private static void assertRefused(Json answer, String mutation, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.<List<String>>read("$.errors[*].extensions.code")).as(answer.toString()).containsExactly(code);
        assertThat(answer.<List<Object>>read("$.errors[0].path")).containsExactly(mutation);
        Map<String, Object> data = answer.read("$.data");
        assertThat(data == null ? null : data.get(mutation)).isNull();
    }

    private void assertOneDeniedRecord(String mutation, String actor, String actorRole) {
        Json log = api.run("access-auditLog", Map.of("operation", mutation), admin);

        assertThat(log.<Integer>read("$.data.auditLog.totalCount")).as(log.toString()).isEqualTo(1);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.outcome")).isEqualTo("DENIED");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actor")).isEqualTo(actor);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actorRole")).isEqualTo(actorRole);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.message")).isNotBlank();
    }

    private static Role minimumRole(String mutation) {
        Role role = MINIMUM_ROLE.get(mutation);
        if (role == null) {
            throw new AssertionError("Mutation." + mutation + " has no entry in MINIMUM_ROLE; classify it");
        }
        return role;
    }
}
