package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static opsline.incident.IncidentLifecycleTest.instant;
import static org.assertj.core.api.Assertions.assertThat;

/** A severity policy set in configuration replaces the defaults, for the policy query and for breaches alike. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = "opsline.incidents.p1-acknowledge", value = "2m")
@Property(name = "opsline.incidents.p1-resolve", value = "10m")
@Property(name = "opsline.incidents.p4-resolve", value = "30d")
class ResponseTargetsConfiguredTest extends AdminApiTest {

    @Test
    void severityPolicy_answersTheConfiguredTargets_andTheDefaultsForTheRest() {
        Json policy = api.graphql("{ severityPolicy { severity acknowledgeWithin resolveWithin } }");

        assertThat(policy.<List<Map<String, Object>>>read("$.data.severityPolicy")).containsExactly(
                Map.of("severity", "P1", "acknowledgeWithin", "PT2M", "resolveWithin", "PT10M"),
                Map.of("severity", "P2", "acknowledgeWithin", "PT1H", "resolveWithin", "PT4H"),
                Map.of("severity", "P3", "acknowledgeWithin", "PT4H", "resolveWithin", "PT24H"),
                Map.of("severity", "P4", "acknowledgeWithin", "PT24H", "resolveWithin", "PT720H"));
    }

    @Test
    void anIncidentPastAConfiguredTarget_isFlagged() {
        IncidentApi incidents = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER));
        Instant started = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P1", "startedAt", started.toString()));

        Json incident = incidents.incident(number);

        assertThat(instant(incident, "acknowledgeBy")).isEqualTo(started.plus(Duration.ofMinutes(2)));
        assertThat(instant(incident, "resolveBy")).isEqualTo(started.plus(Duration.ofMinutes(10)));
        assertThat(incident.<List<String>>read("$.data.incident.breaches")).containsExactly("ACKNOWLEDGE");
    }
}
