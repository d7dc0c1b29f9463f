package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.MovableClock;
import opsline.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static opsline.incident.IncidentLifecycleTest.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default severity policy: each severity's targets to acknowledge and to resolve, counted from the
 * start, and the targets an incident has missed or is missing now.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = MovableClock.PROPERTY, value = "true")
class ResponseTargetsTest extends AdminApiTest {

    private static final String INCIDENT = "$.data.incident";

    @Inject
    MovableClock clock;

    IncidentApi incidents;

    @BeforeEach
    void setUp() {
        incidents = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void severityPolicy_answersTheDefaultTargets() {
        Json policy = api.graphql("{ severityPolicy { severity acknowledgeWithin resolveWithin } }");

        assertThat(policy.<List<Map<String, Object>>>read("$.data.severityPolicy")).containsExactly(
                Map.of("severity", "P1", "acknowledgeWithin", "PT15M", "resolveWithin", "PT1H"),
                Map.of("severity", "P2", "acknowledgeWithin", "PT1H", "resolveWithin", "PT4H"),
                Map.of("severity", "P3", "acknowledgeWithin", "PT4H", "resolveWithin", "PT24H"),
                Map.of("severity", "P4", "acknowledgeWithin", "PT24H", "resolveWithin", "PT168H"));
    }

    @ParameterizedTest
    @CsvSource({"P1, PT15M, PT1H", "P2, PT1H, PT4H", "P3, PT4H, PT24H", "P4, PT24H, P7D"})
    void acknowledgeByAndResolveBy_countFromTheStart(String severity, Duration acknowledgeWithin, Duration resolveWithin) {
        Instant started = clock.instant().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", severity, "startedAt", started.toString()));

        Json incident = incidents.incident(number);

        assertThat(instant(incident, "acknowledgeBy")).isEqualTo(started.plus(acknowledgeWithin));
        assertThat(instant(incident, "resolveBy")).isEqualTo(started.plus(resolveWithin));
        assertThat(incident.<List<String>>read(INCIDENT + ".breaches")).isEmpty();
    }

    @Test
    void anIncidentNotAcknowledgedInTime_isFlagged_andStaysFlaggedOnceAcknowledgedLate() {
        Instant started = clock.instant().minus(Duration.ofMinutes(20));
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P1", "startedAt", started.toString()));

        List<String> before = breaches(number);
        incidents.acknowledge(number);

        assertThat(before).containsExactly("ACKNOWLEDGE");
        assertThat(breaches(number)).containsExactly("ACKNOWLEDGE");
    }

    @Test
    void anIncidentPastBothTargets_isFlaggedForBoth_evenOnceResolved() {
        Instant started = clock.instant().minus(Duration.ofHours(2));
        String number = incidents.declare(Map.of("title", "Checkout is failing", "severity", "P1", "startedAt", started.toString()));

        List<String> open = breaches(number);
        incidents.resolve(number, "Fixed.");

        assertThat(open).containsExactly("ACKNOWLEDGE", "RESOLVE");
        assertThat(breaches(number)).containsExactly("ACKNOWLEDGE", "RESOLVE");
    }

    @Test
    void anIncidentHandledInTime_staysUnflagged_asTimeGoesOn() {
        String number = incidents.declare("Checkout is failing", "P1");
        incidents.acknowledge(number);
        incidents.resolve(number, "Fixed.");

        clock.shiftTo(Duration.ofDays(30));

        assertThat(breaches(number)).isEmpty();
    }

    @Test
    void anOpenIncident_becomesFlagged_asTimePassesItsTargets() {
        String number = incidents.declare("Checkout is failing", "P2");
        List<String> fresh = breaches(number);

        clock.shiftTo(Duration.ofMinutes(61));
        List<String> afterAnHour = breaches(number);
        incidents.acknowledge(number);
        clock.shiftTo(Duration.ofMinutes(241));
        List<String> afterFourHours = breaches(number);

        assertThat(fresh).isEmpty();
        assertThat(afterAnHour).containsExactly("ACKNOWLEDGE");
        assertThat(afterFourHours).containsExactly("ACKNOWLEDGE", "RESOLVE");
    }

    @Test
    void raisingTheSeverity_tightensTheTargets() {
        Instant started = clock.instant().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String number = incidents.declare(Map.of("title", "Checkout is slow", "severity", "P3", "startedAt", started.toString()));
        List<String> asP3 = breaches(number);

        Json raised = incidents.update(number, Map.of("severity", "P1"));

        assertThat(asP3).isEmpty();
        assertThat(raised.<List<String>>read("$.data.updateIncident.incident.breaches")).containsExactly("ACKNOWLEDGE");
        assertThat(instant(raised, "$.data.updateIncident.incident.acknowledgeBy")).isEqualTo(started.plus(Duration.ofMinutes(15)));
    }

    @Test
    void movingTheStartEarlier_movesTheTargets_andIsOnTheTimeline() {
        String number = incidents.declare("Checkout is failing", "P1");
        Instant earlier = clock.instant().minus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS);

        Json moved = incidents.update(number, Map.of("startedAt", earlier.toString()));

        assertThat(instant(moved, "$.data.updateIncident.incident.acknowledgeBy")).isEqualTo(earlier.plus(Duration.ofMinutes(15)));
        assertThat(moved.<List<String>>read("$.data.updateIncident.incident.breaches")).containsExactly("ACKNOWLEDGE");
        assertThat(incidents.timeline(number).<List<String>>read("$.data.incident.timeline.edges[*].node.body"))
                .as("moving the start is on the record").anySatisfy(body -> assertThat(body).contains("start ").contains(earlier.toString()));
    }

    private List<String> breaches(String number) {
        return incidents.incident(number).read(INCIDENT + ".breaches");
    }
}
