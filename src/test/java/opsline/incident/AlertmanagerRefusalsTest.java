package opsline.incident;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.check.CheckTables;
import opsline.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static opsline.incident.AlertmanagerPayloads.STARTED;
import static opsline.incident.AlertmanagerPayloads.alertOn;
import static opsline.incident.AlertmanagerPayloads.cast;
import static opsline.incident.AlertmanagerPayloads.firing;
import static opsline.incident.AlertmanagerPayloads.post;
import static opsline.incident.AlertmanagerPayloads.with;
import static opsline.incident.AlertmanagerPayloads.withAlert;
import static opsline.incident.AlertmanagerPayloads.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Alertmanager's webhook refuses, always with nothing stored: malformed payloads (400 with the field
 * and the reason), missing or unknown credentials (401) and a role too low (403); and that an admin
 * token is taken like a responder's.
 */
@MicronautTest(transactional = false)
class AlertmanagerRefusalsTest extends ResponderApiTest {

    static Stream<Arguments> malformed() {
        Map<String, Object> good = firing(alertOn("a1", STARTED, null));
        return Stream.of(
                Arguments.of("not JSON", "this is not json", null, "not a JSON object"),
                Arguments.of("an empty body", "", null, "not a JSON object"),
                Arguments.of("a JSON array", "[]", null, "not a JSON object"),
                Arguments.of("JSON null", "null", null, "not a JSON object"),
                Arguments.of("truncated JSON", AlertmanagerPayloads.json(good).substring(0, 40), null, "not a JSON object"),
                Arguments.of("no groupKey", without(good, "groupKey"), "payload.groupKey", "groupKey is required"),
                Arguments.of("a blank groupKey", with(good, "groupKey", "  "), "payload.groupKey", "groupKey is required"),
                Arguments.of("version 3", with(good, "version", "3"), "payload.version", "version 4"),
                Arguments.of("an unknown status", with(good, "status", "pending"), "payload.status", "firing or resolved"),
                Arguments.of("alerts as an object", with(good, "alerts", Map.of("0", alertOn("a1", STARTED, null))), "payload.alerts", "alerts must be a list"),
                Arguments.of("no alerts", without(good, "alerts"), "payload.alerts", "alerts must be a list"),
                Arguments.of("an alert that is a string", with(good, "alerts", List.of("HighErrorRate")), "payload.alerts.0", "must be an object"),
                Arguments.of("a startsAt that is no time", withAlert(good, "startsAt", "yesterday at ten"), "payload.alerts.0.startsAt", "RFC 3339"),
                Arguments.of("a startsAt without zone", withAlert(good, "startsAt", "2024-05-01T10:00:00"), "payload.alerts.0.startsAt", "RFC 3339"),
                Arguments.of("a numeric startsAt", withAlert(good, "startsAt", 1714557600), "payload.alerts.0.startsAt", "startsAt is required"),
                Arguments.of("an endsAt that is no time", withAlert(good, "endsAt", "whenever"), "payload.alerts.0.endsAt", "RFC 3339"),
                Arguments.of("an alert without fingerprint", withAlert(good, "fingerprint", null), "payload.alerts.0.fingerprint", "fingerprint is required"),
                Arguments.of("labels that are a list", withAlert(good, "labels", List.of("alertname")), "payload.alerts.0.labels", "labels must be an object"),
                Arguments.of("one good and one bad alert", with(good, "alerts", List.of(alertOn("a1", STARTED, null),
                        with(alertOn("a2", STARTED, null), "startsAt", "soon"))), "payload.alerts.1.startsAt", "RFC 3339"))
                .map(Arguments::get)
                .map(row -> Arguments.of(row[0], row[1] instanceof String text ? text : AlertmanagerPayloads.json(cast(row[1])), row[2], row[3]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedPayload_isRefusedWith400AndAReason_andStoresNothing(String what, String body, String field, String reason) {
        Json answer = post(api, responder, body);

        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(400);
        assertThat(answer.<List<String>>read("$.errors[*].message")).as(what).anySatisfy(message -> assertThat(message).contains(reason));
        if (field != null) {
            assertThat(answer.<List<String>>read("$.errors[*].field")).as(what).contains(field);
        }
        assertThat(incidentCount()).isZero();
        assertThat(entryCount()).isZero();
    }

    @Test
    void withoutAToken_theWebhookAnswers401_andStoresNothing() {
        Json anonymous = post(api, null, firing(alertOn("a1", STARTED, null)));
        Json unknownToken = post(api, "not-a-token-opsline-knows", firing(alertOn("a1", STARTED, null)));

        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
        assertThat(anonymous.<List<String>>read("$.errors[*].message")).singleElement().asString().contains("Bearer");
        assertThat(unknownToken.status()).as("%s", unknownToken).isEqualTo(401);
        assertThat(unknownToken.<List<String>>read("$.errors[*].message")).isNotEmpty();
        assertThat(incidentCount()).isZero();
    }

    @Test
    void aViewerToken_isForbidden_andStoresNothing() {
        String viewer = accounts.tokenFor(Role.VIEWER);

        Json answer = post(api, viewer, firing(alertOn("a1", STARTED, null)));

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(answer.<List<String>>read("$.errors[*].message")).isNotEmpty();
        assertThat(incidentCount()).isZero();
        assertThat(entryCount()).isZero();
    }

    @Test
    void anAdminToken_isAcceptedLikeAResponders() {
        Json answer = post(api, admin, firing(alertOn("a1", STARTED, null)));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.<Boolean>read("$.created")).isTrue();
    }

    private static int incidentCount() {
        return CheckTables.count("SELECT count(*) FROM incident");
    }

    private static int entryCount() {
        return CheckTables.count("SELECT count(*) FROM timeline_entry");
    }
}
