package opsline.incident;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.check.CheckTables;
import opsline.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static opsline.incident.AlertmanagerPayloads.COMMON;
import static opsline.incident.AlertmanagerPayloads.GROUP;
import static opsline.incident.AlertmanagerPayloads.STARTED;
import static opsline.incident.AlertmanagerPayloads.alert;
import static opsline.incident.AlertmanagerPayloads.alertOn;
import static opsline.incident.AlertmanagerPayloads.firing;
import static opsline.incident.AlertmanagerPayloads.labels;
import static opsline.incident.AlertmanagerPayloads.payload;
import static opsline.incident.AlertmanagerPayloads.post;
import static opsline.incident.AlertmanagerPayloads.with;
import static opsline.incident.AlertmanagerPayloads.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus Alertmanager's webhook at {@code POST /api/v1/alerts/alertmanager}: one incident per group
 * key, updated by later deliveries, untouched by redeliveries. Also the {@code receiveAlertmanagerAlerts}
 * mutation it runs. Refusals: {@link AlertmanagerRefusalsTest}.
 */
@MicronautTest(transactional = false)
class AlertmanagerWebhookTest extends ResponderApiTest {

    @Test
    void firing_opensAnIntegrationIncidentKeyedByTheGroupKey_withTheAlertOnItsTimeline() {
        createService(Map.of("name", "Checkout API"));

        Json answer = post(api, responder, firing(alertOn("a1", STARTED, "checkout-api")));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.<Boolean>read("$.created")).isTrue();
        assertThat(answer.<Integer>read("$.entriesAdded")).isEqualTo(1);
        assertThat(answer.<List<?>>read("$.userErrors")).isEmpty();
        String number = answer.read("$.incident.number");
        Map<String, Object> incident = incidents.incident(number, IncidentApi.INCIDENT).read("$.data.incident");
        assertThat(incident).containsEntry("source", "INTEGRATION").containsEntry("sourceKey", GROUP)
                .containsEntry("status", "INVESTIGATING").containsEntry("severity", "P1").containsEntry("visibility", "INTERNAL")
                .containsEntry("title", "Error rate above 5%").containsEntry("declaredBy", "alertmanager");
        assertThat(Duration.between(Instant.parse(STARTED), Instant.parse((String) incident.get("startedAt"))).abs())
                .as("started when the earliest alert started").isLessThan(Duration.ofMillis(1));
        assertThat(incidents.incident(number, IncidentApi.INCIDENT).<List<String>>read("$.data.incident.affectedServices[*].service.slug"))
                .containsExactly("checkout-api");
        Json timeline = incidents.timeline(number);
        List<String> alertBodies = timeline.read("$.data.incident.timeline.edges[?(@.node.kind == 'ALERT')].node.body");
        assertThat(alertBodies).singleElement().asString().startsWith("FIRING: **HighErrorRate** — HighErrorRate on a1")
                .contains("service=checkout-api");
        assertThat(timeline.<List<String>>read("$.data.incident.timeline.edges[?(@.node.kind == 'ALERT')].node.author.name"))
                .containsExactly("alertmanager");
        assertThat(incidentCount()).isEqualTo(1);
    }

    @Test
    void aLaterFiringPayloadWithMoreAlerts_updatesTheSameIncidentWithATimelineEntryPerNewAlert() {
        String number = post(api, responder, firing(alertOn("a1", STARTED, null))).read("$.incident.number");
        int entriesBefore = entryCount();

        Json second = post(api, responder, firing(alertOn("a1", STARTED, null), alertOn("a2", "2024-05-01T10:05:00Z", null),
                alertOn("a3", "2024-05-01T10:06:00Z", null)));

        assertThat(second.status()).as("%s", second).isEqualTo(200);
        assertThat(second.<String>read("$.incident.number")).isEqualTo(number);
        assertThat(second.<Boolean>read("$.created")).isFalse();
        assertThat(second.<Integer>read("$.entriesAdded")).isEqualTo(2);
        assertThat(incidentCount()).isEqualTo(1);
        assertThat(entryCount()).isEqualTo(entriesBefore + 2);
        assertThat(incidents.timeline(number).<List<String>>read("$.data.incident.timeline.edges[?(@.node.kind == 'ALERT')].node.body"))
                .hasSize(3).anySatisfy(body -> assertThat(body).contains("on a2")).anySatisfy(body -> assertThat(body).contains("on a3"));
    }

    @Test
    void redeliveryOfTheSamePayload_changesNothing() {
        Map<String, Object> payload = firing(alertOn("a1", STARTED, null), alertOn("a2", STARTED, null));
        String number = post(api, responder, payload).read("$.incident.number");
        int entries = entryCount();
        String updatedAt = incidents.incident(number, "status mitigatedAt").body();

        for (int i = 0; i < 3; i++) {
            Json again = post(api, responder, payload);
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(again.<String>read("$.incident.number")).isEqualTo(number);
            assertThat(again.<Boolean>read("$.created")).isFalse();
            assertThat(again.<Integer>read("$.entriesAdded")).isZero();
        }

        assertThat(incidentCount()).isEqualTo(1);
        assertThat(entryCount()).isEqualTo(entries);
        assertThat(incidents.incident(number, "status mitigatedAt").body()).isEqualTo(updatedAt);
    }

    @Test
    void resolvedPayload_addsATimelineEntry_andMovesTheIncidentToMonitoring_once() {
        String number = post(api, responder, firing(alertOn("a1", STARTED, null))).read("$.incident.number");
        int entries = entryCount();
        Map<String, Object> resolved = payload("resolved", GROUP, COMMON, "Error rate above 5%",
                List.of(alert("resolved", "a1", STARTED, labels("a1", null))));

        Json answer = post(api, responder, resolved);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.<String>read("$.incident.number")).isEqualTo(number);
        assertThat(answer.<String>read("$.incident.status")).isEqualTo("MONITORING");
        assertThat(answer.<Integer>read("$.entriesAdded")).isEqualTo(1);
        Map<String, Object> incident = incidents.incident(number, IncidentApi.INCIDENT).read("$.data.incident");
        assertThat(incident).containsEntry("status", "MONITORING").containsEntry("resolvedAt", null);
        assertThat(incident.get("mitigatedAt")).isNotNull();
        Json timeline = incidents.timeline(number);
        assertThat(timeline.<List<String>>read("$.data.incident.timeline.edges[?(@.node.kind == 'ALERT')].node.body"))
                .anySatisfy(body -> assertThat(body).startsWith("RESOLVED: **HighErrorRate**"));
        assertThat(timeline.<List<String>>read("$.data.incident.timeline.edges[?(@.node.kind == 'STATUS_CHANGE')].node.body"))
                .contains("Status INVESTIGATING → MONITORING by alertmanager.");
        int afterResolution = entryCount();
        assertThat(afterResolution).as("the resolved alert and the status change").isEqualTo(entries + 2);

        Json redelivered = post(api, responder, resolved);
        assertThat(redelivered.<Integer>read("$.entriesAdded")).isZero();
        assertThat(entryCount()).isEqualTo(afterResolution);
        assertThat(incidentCount()).isEqualTo(1);
    }

    @Test
    void aNewFiringWhileTheIncidentIsInMonitoring_goesOnTheSameIncident() {
        String number = post(api, responder, firing(alertOn("a1", STARTED, null))).read("$.incident.number");
        post(api, responder, payload("resolved", GROUP, COMMON, null, List.of(alert("resolved", "a1", STARTED, labels("a1", null)))));
        int entries = entryCount();

        Json refired = post(api, responder, firing(alertOn("a1", "2024-05-01T11:00:00Z", null)));

        assertThat(refired.status()).as("%s", refired).isEqualTo(200);
        assertThat(refired.<String>read("$.incident.number")).as("the open incident of the group").isEqualTo(number);
        assertThat(refired.<Boolean>read("$.created")).isFalse();
        assertThat(refired.<Integer>read("$.entriesAdded")).isEqualTo(1);
        assertThat(incidentCount()).isEqualTo(1);
        assertThat(entryCount()).isEqualTo(entries + 1);
    }

    @Test
    void aFiringAfterTheIncidentWasResolved_opensANewIncident_andLeavesTheOldOneResolved() {
        Map<String, Object> payload = firing(alertOn("a1", STARTED, null));
        String first = post(api, responder, payload).read("$.incident.number");
        incidents.resolve(first, "Rolled back the deploy.");

        Json again = post(api, responder, payload);

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.<Boolean>read("$.created")).isTrue();
        assertThat(again.<Integer>read("$.entriesAdded")).isEqualTo(1);
        String second = again.read("$.incident.number");
        assertThat(second).isNotEqualTo(first);
        assertThat(incidentCount()).isEqualTo(2);
        assertThat(incidents.incident(first, "status").<String>read("$.data.incident.status")).isEqualTo("RESOLVED");
        assertThat(incidents.incident(second, "status sourceKey").<Map<String, Object>>read("$.data.incident"))
                .containsEntry("status", "INVESTIGATING").containsEntry("sourceKey", GROUP);
    }

    @Test
    void aResolvedPayloadAfterResolution_isWrittenOnTheLatestIncident_withoutReopeningIt() {
        String number = post(api, responder, firing(alertOn("a1", STARTED, null))).read("$.incident.number");
        incidents.resolve(number, "Fixed by hand.");
        int entries = entryCount();

        Json late = post(api, responder, payload("resolved", GROUP, COMMON, null, List.of(alert("resolved", "a1", STARTED, labels("a1", null)))));

        assertThat(late.status()).as("%s", late).isEqualTo(200);
        assertThat(late.<String>read("$.incident.number")).isEqualTo(number);
        assertThat(late.<String>read("$.incident.status")).isEqualTo("RESOLVED");
        assertThat(late.<Integer>read("$.entriesAdded")).isEqualTo(1);
        assertThat(entryCount()).isEqualTo(entries + 1);
        assertThat(incidentCount()).isEqualTo(1);
    }

    @Test
    void aResolvedPayloadForAGroupWithoutIncident_storesNothing() {
        Json answer = post(api, responder, payload("resolved", GROUP, COMMON, null, List.of(alert("resolved", "a1", STARTED, labels("a1", null)))));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.<Object>read("$.incident")).isNull();
        assertThat(answer.<Boolean>read("$.created")).isFalse();
        assertThat(answer.<Integer>read("$.entriesAdded")).isZero();
        assertThat(incidentCount()).isZero();
        assertThat(entryCount()).isZero();
    }

    @Test
    void serviceLabels_naming_knownServices_makeThemAffected_andUnknownOnesAreIgnored() {
        createService(Map.of("name", "Checkout API"));
        createService(Map.of("name", "Payments"));
        createService(Map.of("name", "Search"));

        Json answer = post(api, responder, payload("firing", GROUP, Map.of("alertname", "HighErrorRate", "severity", "warning"), null,
                List.of(alertOn("a1", STARTED, "checkout-api"), alertOn("a2", STARTED, "payments"),
                        alertOn("a3", STARTED, "no-such-service"), alertOn("a4", STARTED, null))));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        Json incident = incidents.incident(answer.read("$.incident.number"), IncidentApi.INCIDENT);
        assertThat(incident.<String>read("$.data.incident.severity")).as("warning is P3").isEqualTo("P3");
        assertThat(incident.<String>read("$.data.incident.title")).as("alertname without summary").isEqualTo("HighErrorRate");
        assertThat(incident.<List<String>>read("$.data.incident.affectedServices[*].service.slug")).containsExactlyInAnyOrder("checkout-api", "payments");
        assertThat(incident.<List<String>>read("$.data.incident.affectedServices[*].impact")).containsOnly("DEGRADED_PERFORMANCE");
        assertThat(answer.<Integer>read("$.entriesAdded")).isEqualTo(4);
        Json search = api.graphql("{ service(slug: \"checkout-api\") { activeIncidents { number } } }", Map.of(), responder);
        assertThat(search.<List<String>>read("$.data.service.activeIncidents[*].number")).containsExactly((String) answer.read("$.incident.number"));
    }

    @Test
    void theSameFiringDeliveredConcurrently_opensOneIncidentWithOneEntryPerAlert() throws Exception {
        Map<String, Object> payload = firing(alertOn("a1", STARTED, null), alertOn("a2", STARTED, null));
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Json>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < deliveries; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(api, responder, payload);
                }));
            }
            start.countDown();
            List<Json> results = new ArrayList<>();
            for (Future<Json> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).allSatisfy(result -> assertThat(result.status()).as("%s", result).isEqualTo(200));
            assertThat(results).filteredOn(result -> result.<Boolean>read("$.created")).hasSize(1);
            assertThat(results.stream().mapToInt(result -> result.<Integer>read("$.entriesAdded")).sum()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(incidentCount()).isEqualTo(1);
        assertThat(CheckTables.count("SELECT count(*) FROM timeline_entry WHERE kind = 'ALERT'")).isEqualTo(2);
    }

    @Test
    void theMutation_receiveAlertmanagerAlerts_takesThePayloadDirectly() {
        String mutation = """
                mutation ($payload: JSON!) {
                  receiveAlertmanagerAlerts(input: {payload: $payload}) {
                    incident { number source sourceKey status }
                    created entriesAdded userErrors { field message code }
                  }
                }""";
        Map<String, Object> payload = with(firing(alertOn("a1", STARTED, null)), "version", 4);

        Json first = api.graphql(mutation, Map.of("payload", payload), responder);
        Json again = api.graphql(mutation, Map.of("payload", payload), responder);
        Json malformed = api.graphql(mutation, Map.of("payload", without(payload, "groupKey")), responder);
        Json asViewer = api.graphql(mutation, Map.of("payload", payload), accounts.tokenFor(Role.VIEWER));

        assertThat(first.errorMessages()).as("%s", first).isEmpty();
        assertThat(first.<Map<String, Object>>read("$.data.receiveAlertmanagerAlerts.incident"))
                .containsEntry("source", "INTEGRATION").containsEntry("sourceKey", GROUP).containsEntry("status", "INVESTIGATING");
        assertThat(first.<Boolean>read("$.data.receiveAlertmanagerAlerts.created")).isTrue();
        assertThat(first.<Integer>read("$.data.receiveAlertmanagerAlerts.entriesAdded")).isEqualTo(1);
        assertThat(again.<String>read("$.data.receiveAlertmanagerAlerts.incident.number"))
                .isEqualTo(first.read("$.data.receiveAlertmanagerAlerts.incident.number"));
        assertThat(again.<Integer>read("$.data.receiveAlertmanagerAlerts.entriesAdded")).isZero();
        assertThat(malformed.<List<Map<String, Object>>>read("$.data.receiveAlertmanagerAlerts.userErrors")).singleElement()
                .satisfies(error -> assertThat(error).containsEntry("field", "payload.groupKey").containsEntry("code", "REQUIRED"));
        assertThat(malformed.<Object>read("$.data.receiveAlertmanagerAlerts.incident")).isNull();
        assertThat(asViewer.errorMessages()).as("%s", asViewer).isNotEmpty();
        assertThat(incidentCount()).isEqualTo(1);
        assertThat(CheckTables.count("SELECT count(*) FROM timeline_entry WHERE kind = 'ALERT'")).isEqualTo(1);
    }

    private static int incidentCount() {
        return CheckTables.count("SELECT count(*) FROM incident");
    }

    private static int entryCount() {
        return CheckTables.count("SELECT count(*) FROM timeline_entry");
    }
}
