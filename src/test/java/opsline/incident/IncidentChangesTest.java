package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing an open incident: its title, severity, visibility and affected services, each said on the
 * timeline; its roles; and the status its affected services take from it while it is open.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class IncidentChangesTest extends ResponderApiTest {

    private static final String UPDATED = "$.data.updateIncident.incident";

    @BeforeEach
    void setUp() {
        createService(Map.of("name", "Checkout API"));
        createService(Map.of("name", "Search"));
    }

    @Test
    void updateIncident_changesTitleSeverityAndVisibility_andSaysEachOnTheTimeline() {
        String number = incidents.declare("Checkout slow", "P3", "checkout-api");
        String who = nameOf(responder);

        Json updated = incidents.update(number, Map.of("title", "Checkout down", "severity", "P1", "visibility", "INTERNAL",
                "message", "Every payment fails."));

        assertThat(updated.<Map<String, Object>>read(UPDATED)).containsAllEntriesOf(Map.of(
                "title", "Checkout down", "severity", "P1", "visibility", "INTERNAL", "status", "INVESTIGATING"));
        assertThat(IncidentLifecycleTest.instant(updated, UPDATED + ".acknowledgeBy")).as("the P1 target")
                .isEqualTo(IncidentLifecycleTest.instant(updated, UPDATED + ".startedAt").plus(Duration.ofMinutes(15)));
        assertThat(bodies(number, "SEVERITY_CHANGE")).containsExactly("Severity P3 → P1 by " + who + ": Every payment fails.");
        assertThat(bodies(number, "NOTE")).containsExactly("Changed title “Checkout down”, visibility INTERNAL (by " + who + ").");
        Json stored = incidents.incident(number);
        assertThat(stored.<String>read("$.data.incident.title")).isEqualTo("Checkout down");
        assertThat(api.graphql("query ($n: String!) { incident(number: $n) { number } }", Map.of("n", number), null)
                .<Object>read("$.data.incident")).as("an internal incident, to the public").isNull();
    }

    @Test
    void updateIncident_withTheAffectedServices_replacesThemAndTheirImpact_andSaysSo() {
        String number = incidents.declare("Checkout slow", "P2", "checkout-api");

        Json updated = incidents.update(number, Map.of("affectedServices", List.of(
                Map.of("service", "search", "impact", "DEGRADED_PERFORMANCE"), Map.of("service", "checkout-api"))));

        assertThat(updated.<List<Map<String, Object>>>read(UPDATED + ".affectedServices")).containsExactly(
                Map.of("impact", "PARTIAL_OUTAGE", "service", Map.of("slug", "checkout-api", "status", "PARTIAL_OUTAGE")),
                Map.of("impact", "DEGRADED_PERFORMANCE", "service", Map.of("slug", "search", "status", "DEGRADED_PERFORMANCE")));
        assertThat(bodies(number, "IMPACT_CHANGE")).containsExactly("Affected services now: Search (DEGRADED_PERFORMANCE), "
                + "Checkout API (PARTIAL_OUTAGE) (by " + nameOf(responder) + ").");
    }

    @Test
    void updateIncident_withAnUnknownServiceOrABlankTitle_isRefused_andChangesNothing() {
        String number = incidents.declare("Checkout slow", "P2", "checkout-api");
        Json before = incidents.timeline(number);

        Json refused = incidents.mutate("updateIncident", "UpdateIncidentInput", Map.of("number", number, "title", "",
                "severity", "P1", "affectedServices", List.of(Map.of("service", "nope"))), "incident { number }");

        assertThat(refused.<List<String>>read("$.data.updateIncident.userErrors[*].field")).containsExactlyInAnyOrder("title", "affectedServices.0");
        assertThat(refused.<List<String>>read("$.data.updateIncident.userErrors[*].code")).containsExactlyInAnyOrder("REQUIRED", "NOT_FOUND");
        Json after = incidents.timeline(number);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(incidents.incident(number).<Map<String, Object>>read("$.data.incident"))
                .containsEntry("title", "Checkout slow").containsEntry("severity", "P2");
    }

    @Test
    void assignIncidentRole_givesEachRole_replacingTheHolder_andSaysSo() {
        String number = incidents.declare("Checkout slow", "P2");
        String alice = nameOf(accounts.tokenFor(Role.RESPONDER));
        String bob = nameOf(accounts.tokenFor(Role.VIEWER));
        String who = nameOf(responder);

        incidents.assignRole(number, "COMMUNICATIONS_LEAD", alice);
        incidents.assignRole(number, "SCRIBE", bob);
        Json assigned = incidents.assignRole(number, "COMMANDER", alice);

        assertThat(assigned.<List<Map<String, Object>>>read("$.data.assignIncidentRole.incident.roles")).containsExactlyInAnyOrder(
                Map.of("role", "COMMANDER", "assignee", alice),
                Map.of("role", "COMMUNICATIONS_LEAD", "assignee", alice),
                Map.of("role", "SCRIBE", "assignee", bob));
        assertThat(bodies(number, "ROLE_CHANGE")).containsExactly(
                alice + " is incident commander (assigned by " + who + ").",
                bob + " is scribe (assigned by " + who + ").",
                alice + " is communications lead (assigned by " + who + ").");
        assertThat(api.graphql("query ($n: String!) { incident(number: $n) { roles { role } } }", Map.of("n", number), null)
                .<List<?>>read("$.data.incident.roles")).as("roles, to the public").isEmpty();
    }

    @Test
    void assignIncidentRole_toNoSuchUser_isRefused_andKeepsTheRoles() {
        String number = incidents.declare("Checkout slow", "P2");

        Json refused = incidents.mutate("assignIncidentRole", "AssignIncidentRoleInput",
                Map.of("number", number, "role", "COMMANDER", "assignee", "nobody"), "incident { number }");

        assertThat(refused.<List<Map<String, Object>>>read("$.data.assignIncidentRole.userErrors")).containsExactly(Map.of(
                "field", "assignee", "code", "NOT_FOUND", "message", "No active user is named 'nobody'."));
        assertThat(incidents.incident(number).<List<Map<String, Object>>>read("$.data.incident.roles"))
                .containsExactly(Map.of("role", "COMMANDER", "assignee", nameOf(responder)));
        assertThat(bodies(number, "ROLE_CHANGE")).isEmpty();
    }

    @Test
    void affectedServices_takeTheImpactWhileOpen_andLoseItOnResolve() {
        String number = incidents.declare(Map.of("title", "Checkout down", "severity", "P1", "services", List.of("checkout-api"),
                "affectedServices", List.of(Map.of("service", "search", "impact", "DEGRADED_PERFORMANCE"))));

        Json open = services();
        incidents.changeStatus(number, "MONITORING", null);
        Json monitoring = services();
        incidents.resolve(number, "Fixed.");
        Json resolved = services();
        incidents.reopen(number, "Back again.");
        Json reopened = services();

        assertThat(statusOf(open, "checkout-api")).isEqualTo("MAJOR_OUTAGE");
        assertThat(statusOf(open, "search")).isEqualTo("DEGRADED_PERFORMANCE");
        assertThat(open.<List<Map<String, Object>>>read("$.data.services.edges[?(@.node.slug == 'checkout-api')].node.statusSignals[*]"))
                .containsExactly(Map.of("source", "incident", "status", "MAJOR_OUTAGE", "reason", number + ": Checkout down"));
        assertThat(statusOf(monitoring, "checkout-api")).isEqualTo("MAJOR_OUTAGE");
        assertThat(statusOf(resolved, "checkout-api")).isEqualTo("OPERATIONAL");
        assertThat(statusOf(resolved, "search")).isEqualTo("OPERATIONAL");
        assertThat(resolved.<List<?>>read("$.data.services.edges[*].node.activeIncidents[*]")).isEmpty();
        assertThat(statusOf(reopened, "checkout-api")).isEqualTo("MAJOR_OUTAGE");
    }

    private Json services() {
        return api.graphql("{ services { edges { node { slug status statusSignals { source status reason } activeIncidents { number } } } } }",
                Map.of(), responder);
    }

    private static String statusOf(Json services, String slug) {
        List<String> found = services.read("$.data.services.edges[?(@.node.slug == '" + slug + "')].node.status");
        return found.get(0);
    }

    private List<String> bodies(String number, String kind) {
        return incidents.timeline(number).read("$.data.incident.timeline.edges[?(@.node.kind == '" + kind + "')].node.body");
    }
}
