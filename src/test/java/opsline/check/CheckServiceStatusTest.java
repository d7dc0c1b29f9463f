package opsline.check;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.statuspage.StatusPageReader;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static opsline.check.CheckApiFixtures.httpCheck;
import static opsline.statuspage.StatusPageReader.showsStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks' say in their service's status, as the API and the status page show it. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class CheckServiceStatusTest extends AdminApiTest {

    /** Generous: other builds share this machine. */
    private static final Duration PAGE_FOLLOWS_WITHIN = Duration.ofSeconds(15);

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
    void theOnlyCheckDown_isAMajorOutage_signalledByChecks() {
        String id = checks.failingAtOnce("api", "health");

        assertThat(checks.runNowForState(id)).isEqualTo("DOWN");

        Json status = status("api");
        assertThat(status.<String>read("$.data.service.status")).isEqualTo("MAJOR_OUTAGE");
        assertThat(status.<List<Map<String, Object>>>read("$.data.service.statusSignals")).singleElement().satisfies(signal -> {
            assertThat(signal).containsEntry("source", "checks").containsEntry("status", "MAJOR_OUTAGE");
            assertThat((String) signal.get("reason")).contains("health");
        });
        assertThat(status.<String>read("$.data.statusSummary.status")).isEqualTo("MAJOR_OUTAGE");
    }

    @Test
    void oneOfTwoChecksDown_isAPartialOutage() {
        String down = checks.failingAtOnce("api", "health");
        String up = checks.create(httpCheck("api", "login", target.url("/login"), Map.of()));

        assertThat(checks.runNowForState(up)).isEqualTo("UP");
        assertThat(checks.runNowForState(down)).isEqualTo("DOWN");

        Json status = status("api");
        assertThat(status.<String>read("$.data.service.status")).isEqualTo("PARTIAL_OUTAGE");
        assertThat(status.<List<String>>read("$.data.service.statusSignals[*].source")).containsExactly("checks");
        assertThat(status.<String>read("$.data.service.statusSignals[0].reason")).contains("1 of 2", "health");
    }

    @Test
    void aSlowCheck_isDegradedPerformance() {
        target.delay(Duration.ofMillis(200));
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of("degradedLatencyMs", 50)));

        assertThat(checks.runNowForState(id)).isEqualTo("DEGRADED");

        Json status = status("api");
        assertThat(status.<String>read("$.data.service.status")).isEqualTo("DEGRADED_PERFORMANCE");
        assertThat(status.<List<String>>read("$.data.service.statusSignals[*].source")).containsExactly("checks");
    }

    @Test
    void checksWithoutAVerdict_haveNoSay() {
        String unjudged = checks.create(httpCheck("api", "health", LoopbackTarget.refusedUrl(), Map.of("failureThreshold", 2)));
        String paused = checks.failingAtOnce("api", "login");
        checks.runNow(paused);
        checks.pause(paused);

        assertThat(checks.runNowForState(unjudged)).isEqualTo("UNKNOWN");

        Json status = status("api");
        assertThat(status.<String>read("$.data.service.status")).isEqualTo("OPERATIONAL");
        assertThat(status.<List<?>>read("$.data.service.statusSignals")).isEmpty();
    }

    @Test
    void aManualOverride_winsOverTheChecks() {
        String id = checks.failingAtOnce("api", "health");
        checks.runNow(id);

        setStatus("api", "DEGRADED_PERFORMANCE");

        Json status = status("api");
        assertThat(status.<String>read("$.data.service.status")).isEqualTo("DEGRADED_PERFORMANCE");
        assertThat(status.<List<String>>read("$.data.service.statusSignals[*].source")).containsExactlyInAnyOrder("manual", "checks");
    }

    @Test
    void statusPage_followsTheChecks() {
        createService(Map.of("name", "Website"));
        StatusPageReader statusPage = new StatusPageReader(api);
        String id = checks.failingAtOnce("api", "health");

        checks.runNow(id);

        Document page = statusPage.await(PAGE_FOLLOWS_WITHIN, "API in major outage", showsStatus("API", "Major outage"));
        assertThat(page.select(".summary-text").text()).isEqualTo("Major System Outage");
        assertThat(StatusPageReader.statusWordsOf(page, "Website")).isEqualTo("Operational");

        checks.pause(id);

        page = statusPage.await(PAGE_FOLLOWS_WITHIN, "API operational again", showsStatus("API", "Operational"));
        assertThat(page.select(".summary-text").text()).isEqualTo("All Systems Operational");
    }

    private Json status(String slug) {
        return api.run("checkapi-serviceStatus", Map.of("slug", slug), admin);
    }
}
