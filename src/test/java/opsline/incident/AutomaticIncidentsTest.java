package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.StubTarget;
import opsline.system.BackgroundJobs;
import opsline.system.PeriodicJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents Opsline declares itself: a check of a service with automatic incidents going DOWN declares
 * one (source CHECK), recovery moves it to MONITORING, and after a quiet period it resolves itself.
 * Checks run through runCheckNow (the scheduler is off); the quiet period is made short.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = "opsline.incidents.auto-resolve-quiet-period", value = "5s")
class AutomaticIncidentsTest extends AdminApiTest {

    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String OPEN_INCIDENTS = "activeIncidents { number source status title severity visibility }";

    @Inject
    AutomaticIncidents automatic;
    @Inject
    BackgroundJobs jobs;

    @Inject
    List<PeriodicJob> periodicJobs;

    private StubTarget target;

    @BeforeAll
    static void letTheStartUpJobsFinish() throws InterruptedException {
        BackgroundJobsAtRest.awaitStartupRun();
    }

    @BeforeEach
    void holdOffBackgroundJobs() {
        BackgroundJobsAtRest.holdOff(periodicJobs);
    }
    private CheckApi checks;
    private IncidentApi incidents;

    @BeforeEach
    void setUp() {
        target = StubTarget.start();
        checks = new CheckApi(api, admin);
        incidents = new IncidentApi(api, admin);
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void aCheckGoingDown_declaresOneCheckIncidentAffectingItsService() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String health = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 2));
        assertThat(checks.runNowForState(health)).isEqualTo("UP");
        target.answer("/health", 500);
        assertThat(checks.runNowForState(health)).as("one failure of two").isEqualTo("UP");
        assertThat(incidentCount()).as("no incident before the check is DOWN").isZero();

        assertThat(checks.runNowForState(health)).isEqualTo("DOWN");

        List<Map<String, Object>> open = checks.service("checkout-api", OPEN_INCIDENTS).read("$.data.service.activeIncidents");
        assertThat(open).singleElement().satisfies(incident -> assertThat(incident)
                .containsEntry("source", "CHECK").containsEntry("status", "INVESTIGATING").containsEntry("title", "Checkout API is down")
                .containsEntry("severity", "P2").containsEntry("visibility", "PUBLIC"));
        String number = (String) open.get(0).get("number");
        Json incident = incidents.incident(number, IncidentApi.INCIDENT);
        assertThat(incident.<String>read("$.data.incident.declaredBy")).isEqualTo("system");
        assertThat(incident.<List<Map<String, Object>>>read("$.data.incident.affectedServices")).singleElement()
                .satisfies(affected -> assertThat(affected).containsEntry("impact", "MAJOR_OUTAGE"));
        assertThat(incident.<String>read("$.data.incident.affectedServices[0].service.slug")).isEqualTo("checkout-api");
        assertThat(bodies(number, "STATUS_UPDATE")).containsExactly("We are investigating problems with Checkout API.");
        assertThat(bodies(number, "CHECK_TRANSITION")).singleElement().asString()
                .startsWith("Check 'health' of Checkout API: UP → DOWN (").contains("500");
        assertThat(incidentCount()).isEqualTo(1);

        assertThat(checks.runNowForState(health)).isEqualTo("DOWN");
        assertThat(incidentCount()).as("a check staying DOWN declares nothing more").isEqualTo(1);
    }

    @Test
    void aSecondCheckOfTheSameServiceGoingDown_addsToTheOpenIncidentInsteadOfOpeningAnother() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String first = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 1));
        String second = checks.createHttpCheck("checkout-api", "login", target.url("/login"), Map.of("failureThreshold", 1));
        target.answer("/health", 503);
        target.answer("/login", 503);

        assertThat(checks.runNowForState(first)).isEqualTo("DOWN");
        assertThat(checks.runNowForState(second)).isEqualTo("DOWN");

        assertThat(incidentCount()).isEqualTo(1);
        String number = onlyOpenIncident("checkout-api");
        assertThat(bodies(number, "CHECK_TRANSITION")).hasSize(2)
                .anySatisfy(body -> assertThat(body).startsWith("Check 'health' of Checkout API: UNKNOWN → DOWN"))
                .anySatisfy(body -> assertThat(body).startsWith("Check 'login' of Checkout API: UNKNOWN → DOWN"));
    }

    @Test
    void recovery_movesTheIncidentToMonitoring_andAfterTheQuietPeriodTheBackgroundJobResolvesIt() throws InterruptedException {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String health = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 1));
        target.answer("/health", 500);
        checks.runNowForState(health);
        String number = onlyOpenIncident("checkout-api");
        target.answer("/health", 200);

        assertThat(checks.runNowForState(health)).isEqualTo("UP");
        Instant recovered = Instant.now();

        Map<String, Object> monitoring = incidents.incident(number, IncidentApi.INCIDENT).read("$.data.incident");
        assertThat(monitoring).containsEntry("status", "MONITORING").containsEntry("resolvedAt", null);
        assertThat(monitoring.get("mitigatedAt")).isNotNull();
        assertThat(bodies(number, "CHECK_TRANSITION")).first().asString().startsWith("Check 'health' of Checkout API: DOWN → UP");
        assertThat(bodies(number, "STATUS_CHANGE")).contains("Status INVESTIGATING → MONITORING by system.");
        automatic.run();
        assertThat(status(number)).as("right after recovery, within the quiet period").isEqualTo("MONITORING");

        long deadline = System.currentTimeMillis() + QUIET.toMillis() + 15_000;
        while (!status(number).equals("RESOLVED") && System.currentTimeMillis() < deadline) {
            CheckTables.update("UPDATE background_job SET last_run_at = NULL WHERE name = ? AND lease_owner IS NULL", automatic.name());
            jobs.runDue();
            Thread.sleep(200);
        }

        Map<String, Object> resolved = incidents.incident(number, IncidentApi.INCIDENT).read("$.data.incident");
        assertThat(resolved).containsEntry("status", "RESOLVED");
        assertThat(Duration.between(recovered, Instant.parse((String) resolved.get("resolvedAt"))))
                .as("resolved no sooner than the quiet period after recovery").isGreaterThanOrEqualTo(QUIET.minusMillis(500));
        assertThat(bodies(number, "STATUS_UPDATE")).anySatisfy(body -> assertThat(body).startsWith("Resolved automatically"));
        assertThat(checks.service("checkout-api", OPEN_INCIDENTS).<List<?>>read("$.data.service.activeIncidents")).isEmpty();
    }

    @Test
    void aCheckStillDown_keepsTheIncidentInvestigating_andTheQuietPeriodCountsFromTheLastRecovery() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String health = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 1));
        String login = checks.createHttpCheck("checkout-api", "login", target.url("/login"), Map.of("failureThreshold", 1));
        target.answer("/health", 500);
        target.answer("/login", 500);
        checks.runNowForState(health);
        checks.runNowForState(login);
        String number = onlyOpenIncident("checkout-api");
        target.answer("/health", 200);
        assertThat(checks.runNowForState(health)).isEqualTo("UP");
        assertThat(status(number)).as("one check recovered, login is still DOWN").isEqualTo("INVESTIGATING");

        quietPeriodPassesBehindTheScenes();
        automatic.run();
        assertThat(status(number)).as("login is still DOWN").isEqualTo("INVESTIGATING");

        target.answer("/login", 200);
        assertThat(checks.runNowForState(login)).isEqualTo("UP");
        automatic.run();
        assertThat(status(number)).as("login recovered just now: not yet quiet").isEqualTo("MONITORING");

        quietPeriodPassesBehindTheScenes();
        automatic.run();
        assertThat(status(number)).isEqualTo("RESOLVED");
    }

    @Test
    void aCheckGoingDownAgainWhileMonitoring_movesTheIncidentBackToInvestigating_andStartsTheQuietPeriodAgain() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String health = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 1));
        target.answer("/health", 500);
        checks.runNowForState(health);
        String number = onlyOpenIncident("checkout-api");
        target.answer("/health", 200);
        checks.runNowForState(health);
        assertThat(status(number)).isEqualTo("MONITORING");
        quietPeriodPassesBehindTheScenes();

        target.answer("/health", 500);
        assertThat(checks.runNowForState(health)).isEqualTo("DOWN");
        automatic.run();
        assertThat(status(number)).as("the check is DOWN again: back to investigating").isEqualTo("INVESTIGATING");
        assertThat(incidentCount()).as("the open incident takes the new failure").isEqualTo(1);
        target.answer("/health", 200);
        assertThat(checks.runNowForState(health)).isEqualTo("UP");
        automatic.run();
        assertThat(status(number)).as("recovered just now: not yet quiet").isEqualTo("MONITORING");
        assertThat(bodies(number, "CHECK_TRANSITION")).hasSize(4);

        quietPeriodPassesBehindTheScenes();
        automatic.run();
        assertThat(status(number)).isEqualTo("RESOLVED");
    }

    @Test
    void afterAnAutomaticIncidentIsResolved_theNextFailureDeclaresANewOne() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        String health = checks.createHttpCheck("checkout-api", "health", target.url("/health"), Map.of("failureThreshold", 1));
        target.answer("/health", 500);
        checks.runNowForState(health);
        String first = onlyOpenIncident("checkout-api");
        target.answer("/health", 200);
        checks.runNowForState(health);
        quietPeriodPassesBehindTheScenes();
        automatic.run();
        assertThat(status(first)).isEqualTo("RESOLVED");

        target.answer("/health", 500);
        checks.runNowForState(health);

        String second = onlyOpenIncident("checkout-api");
        assertThat(second).isNotEqualTo(first);
        assertThat(incidentCount()).isEqualTo(2);
        assertThat(bodies(first, "CHECK_TRANSITION")).as("a resolved incident hears no more").hasSize(2);
    }

    @Test
    void aServiceWithoutAutomaticIncidents_getsNoIncidentWhenItsCheckGoesDown() {
        createService(Map.of("name", "Search"));
        createService(Map.of("name", "Reports", "autoIncidents", false));
        String search = checks.createHttpCheck("search", "health", target.url("/search"), Map.of("failureThreshold", 1));
        String reports = checks.createHttpCheck("reports", "health", target.url("/reports"), Map.of("failureThreshold", 1));
        target.answer("/search", 500);
        target.answer("/reports", 500);

        assertThat(checks.runNowForState(search)).isEqualTo("DOWN");
        assertThat(checks.runNowForState(reports)).isEqualTo("DOWN");

        assertThat(checks.serviceStatus("search")).as("the check did go down").isEqualTo("MAJOR_OUTAGE");
        assertThat(checks.service("search", "autoIncidents").<Boolean>read("$.data.service.autoIncidents")).isFalse();
        assertThat(incidentCount()).isZero();
    }

    @Test
    void aManualIncidentAffectingTheService_getsItsCheckTransitions_butRecoveryLeavesItsStatusToPeople() {
        createService(Map.of("name", "Search"));
        String health = checks.createHttpCheck("search", "health", target.url("/search"), Map.of("failureThreshold", 1));
        String number = incidents.declare("Search is slow", "P3", "search");
        target.answer("/search", 500);

        checks.runNowForState(health);
        target.answer("/search", 200);
        checks.runNowForState(health);

        assertThat(bodies(number, "CHECK_TRANSITION")).hasSize(2)
                .anySatisfy(body -> assertThat(body).startsWith("Check 'health' of Search: UNKNOWN → DOWN"))
                .anySatisfy(body -> assertThat(body).startsWith("Check 'health' of Search: DOWN → UP"));
        assertThat(status(number)).isEqualTo("INVESTIGATING");
        assertThat(incidentCount()).as("no automatic incident for a service without them").isEqualTo(1);
    }

    @Test
    void turningAutomaticIncidentsOnLater_makesTheNextFailureDeclareOne() {
        createService(Map.of("name", "Search"));
        String health = checks.createHttpCheck("search", "health", target.url("/search"), Map.of("failureThreshold", 1));
        Json updated = api.run("updateService", Map.of("input", Map.of("service", "search", "autoIncidents", true)), admin);
        assertThat(updated.<List<?>>read("$.data.updateService.userErrors")).as("%s", updated).isEmpty();
        target.answer("/search", 500);

        checks.runNowForState(health);

        assertThat(onlyOpenIncident("search")).isNotNull();
        assertThat(incidentCount()).isEqualTo(1);
    }

    /** Makes everything the resolution job looks at an hour older, as if the quiet period had long passed. */
    private static void quietPeriodPassesBehindTheScenes() {
        CheckTables.update("UPDATE incident SET updated_at = updated_at - interval '1 hour'");
        CheckTables.update("UPDATE check_transition SET at = at - interval '1 hour'");
    }

    private String onlyOpenIncident(String service) {
        List<String> numbers = checks.service(service, OPEN_INCIDENTS).read("$.data.service.activeIncidents[?(@.source == 'CHECK')].number");
        assertThat(numbers).as("open automatic incidents of %s", service).hasSize(1);
        return numbers.get(0);
    }

    private String status(String number) {
        return incidents.incident(number, "status").read("$.data.incident.status");
    }

    /** The bodies of the incident's entries of one kind, newest first. */
    private List<String> bodies(String number, String kind) {
        return incidents.timeline(number).read("$.data.incident.timeline.edges[?(@.node.kind == '" + kind + "')].node.body");
    }

    private static int incidentCount() {
        return CheckTables.count("SELECT count(*) FROM incident");
    }
}
