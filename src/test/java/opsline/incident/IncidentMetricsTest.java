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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static opsline.incident.IncidentLifecycleTest.duration;
import static opsline.incident.IncidentLifecycleTest.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response figures over many incidents, as {@code incidentMetrics} answers them and as {@code /prometheus}
 * exposes them, checked against the times of incidents made for the test.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = MovableClock.PROPERTY, value = "true")
class IncidentMetricsTest extends AdminApiTest {

    private static final String METRICS = """
            query ($since: DateTime, $severity: Severity) {
              incidentMetrics(since: $since, severity: $severity) { count open meanTimeToAcknowledge meanTimeToResolve breached }
            }""";

    @Inject
    MovableClock clock;

    IncidentApi incidents;
    String viewer;
    Duration latePrimaryAcknowledged;
    Duration latePrimaryResolved;
    Duration secondaryAcknowledged;
    Instant freshDeclared;

    /** A late P1, acknowledged and resolved; a P2 acknowledged in time and still open; a fresh P2, untouched. */
    @BeforeEach
    void declareThreeIncidents() {
        incidents = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER));
        viewer = accounts.tokenFor(Role.VIEWER);
        Instant now = clock.instant();
        String latePrimary = incidents.declare(Map.of("title", "Checkout down", "severity", "P1", "startedAt", now.minus(Duration.ofMinutes(90)).toString()));
        incidents.acknowledge(latePrimary);
        Json resolved = incidents.resolve(latePrimary, "Fixed.");
        latePrimaryAcknowledged = duration(resolved, "$.data.resolveIncident.incident.timeToAcknowledge");
        latePrimaryResolved = duration(resolved, "$.data.resolveIncident.incident.timeToResolve");
        String secondary = incidents.declare(Map.of("title", "Search slow", "severity", "P2", "startedAt", now.minus(Duration.ofMinutes(30)).toString()));
        secondaryAcknowledged = duration(incidents.acknowledge(secondary), "$.data.acknowledgeIncident.incident.timeToAcknowledge");
        String fresh = incidents.declare("Images missing", "P2");
        freshDeclared = instant(incidents.incident(fresh), "declaredAt");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void incidentMetrics_countsAndAveragesTheIncidentsDeclaredInTheLast30Days() {
        Json all = metrics(Map.of());

        assertThat(all.<Integer>read("$.data.incidentMetrics.count")).isEqualTo(3);
        assertThat(all.<Integer>read("$.data.incidentMetrics.open")).isEqualTo(2);
        assertThat(all.<Integer>read("$.data.incidentMetrics.breached")).isEqualTo(1);
        assertThat(duration(all, "$.data.incidentMetrics.meanTimeToAcknowledge")).isEqualTo(mean(latePrimaryAcknowledged, secondaryAcknowledged))
                .isBetween(Duration.ofMinutes(60), Duration.ofMinutes(62));
        assertThat(duration(all, "$.data.incidentMetrics.meanTimeToResolve")).isEqualTo(mean(latePrimaryResolved));
    }

    @Test
    void incidentMetrics_ofOneSeverity_countsThatSeverityOnly() {
        Json secondaries = metrics(Map.of("severity", "P2"));

        assertThat(secondaries.<Map<String, Object>>read("$.data.incidentMetrics")).containsAllEntriesOf(Map.of(
                "count", 2, "open", 2, "breached", 0, "meanTimeToAcknowledge", mean(secondaryAcknowledged).toString()));
        assertThat(secondaries.<Object>read("$.data.incidentMetrics.meanTimeToResolve")).isNull();
    }

    @Test
    void incidentMetrics_since_countsIncidentsDeclaredFromThenOn() {
        Json recent = metrics(Map.of("since", freshDeclared.toString()));
        Json later = metrics(Map.of("since", freshDeclared.plusSeconds(1).toString()));

        assertThat(recent.<Map<String, Object>>read("$.data.incidentMetrics")).containsAllEntriesOf(Map.of("count", 1, "open", 1, "breached", 0));
        assertThat(recent.<Object>read("$.data.incidentMetrics.meanTimeToAcknowledge")).isNull();
        assertThat(later.<Integer>read("$.data.incidentMetrics.count")).isZero();
    }

    @Test
    void incidentMetrics_leaveOutIncidentsDeclaredMoreThan30DaysAgo() {
        clock.shiftTo(Duration.ofDays(31));

        assertThat(metrics(Map.of()).<Integer>read("$.data.incidentMetrics.count")).isZero();
    }

    @Test
    void incidentMetrics_areForSignedInViewersOnly() {
        Json anonymous = api.graphql(METRICS, Map.of(), null);

        assertThat(anonymous.errorMessages()).singleElement().asString().startsWith("Authentication required");
    }

    @Test
    void prometheus_exposesOpenIncidentsAndMeanTimesPerSeverity() {
        // The figures are read at most every 30 seconds; a minute later they are read afresh.
        clock.shiftTo(Duration.ofMinutes(1));

        String scraped = api.get("/prometheus").body();

        assertThat(sample(scraped, "opsline_incidents_open", "P1")).isEqualTo(0.0);
        assertThat(sample(scraped, "opsline_incidents_open", "P2")).isEqualTo(2.0);
        assertThat(sample(scraped, "opsline_incidents_mtta_seconds", "P1")).isEqualTo(seconds(mean(latePrimaryAcknowledged)));
        assertThat(sample(scraped, "opsline_incidents_mtta_seconds", "P2")).isEqualTo(seconds(mean(secondaryAcknowledged)));
        assertThat(sample(scraped, "opsline_incidents_mttr_seconds", "P1")).isEqualTo(seconds(mean(latePrimaryResolved)));
        assertThat(sample(scraped, "opsline_incidents_mttr_seconds", "P2")).isNaN();
        assertThat(sample(scraped, "opsline_incidents_open", "P4")).isEqualTo(0.0);
        assertThat(scraped).contains("# HELP opsline_incidents_open Open incidents", "# HELP opsline_incidents_mttr_seconds Mean time to resolve");
    }

    private Json metrics(Map<String, Object> variables) {
        Json answer = api.graphql(METRICS, variables, viewer);
        assertThat(answer.errorMessages()).as(answer.toString()).isEmpty();
        return answer;
    }

    /** The mean as Opsline computes it: over whole milliseconds. */
    private static Duration mean(Duration... durations) {
        long total = 0;
        for (Duration duration : durations) {
            total += duration.toMillis();
        }
        return Duration.ofMillis(Math.round((double) total / durations.length));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static double sample(String scraped, String name, String severity) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*severity=\"" + severity + "\"[^}]*} (\\S+)$").matcher(scraped);
        assertThat(sample.find()).as("%s{severity=%s} in %s", name, severity, scraped).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
