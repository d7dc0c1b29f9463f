package opsline.statuspage;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.CheckApiFixtures;
import opsline.check.LoopbackTarget;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static opsline.check.CheckApiFixtures.httpCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code GET /services/{slug}}: a public service's page, as the anonymous public sees it. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class ServicePageTest extends AdminApiTest {

    CheckApiFixtures checks;
    LoopbackTarget target;

    @BeforeEach
    void setUp() {
        checks = new CheckApiFixtures(api, admin);
        target = LoopbackTarget.start();
        createService(Map.of("name", "Database", "description", "Keeps orders."));
        createService(Map.of("name", "Vault", "public", false));
        createService(Map.of("name", "API", "description", "Takes payments.", "dependsOn", List.of("database", "vault")));
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void serviceWithRuns_showsItsStatus_uptime_responseTimeCharts_andRecentChanges() {
        String health = checks.create(httpCheck("api", "health endpoint", target.url("/health"), Map.of("failureThreshold", 1)));
        checks.runNow(health);
        target.answer(503, "maintenance");
        checks.runNow(health);
        checks.pause(checks.create(httpCheck("api", "login flow", target.url("/login"), Map.of())));

        Document page = read("/services/api");

        assertThat(page.title()).isEqualTo("API · Acme Status");
        assertThat(page.select("h1").text()).isEqualTo("API");
        assertThat(page.select(".lead").text()).isEqualTo("Takes payments.");
        assertThat(page.select(".service-status-large").text()).isEqualTo("Major outage");
        Element bars = page.selectFirst("svg.uptime-bars");
        assertThat(bars).isNotNull();
        assertThat(bars.select("rect")).hasSize(90);
        assertThat(page.select(".uptime-legend").text()).contains("50.00% uptime");
        List<Element> charts = page.select("figure.chart");
        assertThat(charts).extracting(chart -> chart.select("figcaption").text()).containsExactly("Last 24 hours", "Last 30 days");
        assertThat(charts).allSatisfy(chart -> {
            assertThat(chart.select("svg.latency-chart polyline.p95")).isNotEmpty();
            assertThat(chart.select("svg.latency-chart polyline.p50")).isNotEmpty();
            assertThat(chart.select(".chart-empty")).isEmpty();
            assertThat(chart.select("details > table")).hasSize(1);
        });
        assertThat(charts.get(0).select("details tbody tr")).hasSize(24);
        assertThat(charts.get(1).select("details tbody tr")).hasSize(30);
        assertThat(charts).allSatisfy(chart -> assertThat(chart.select("details tbody tr td:eq(1)").eachText().stream()
                .mapToInt(Integer::parseInt).sum()).as("runs in the table").isEqualTo(2));
    }

    @Test
    void recentChanges_showWhenAndWhat_butNoInternalReasonsOrCheckNames() {
        String health = checks.create(httpCheck("api", "health endpoint", target.url("/health"), Map.of("failureThreshold", 1)));
        checks.runNow(health);
        target.answer(503, "maintenance");
        checks.runNow(health);
        checks.pause(checks.create(httpCheck("api", "login flow", target.url("/login"), Map.of())));

        Document page = read("/services/api");

        List<Element> changes = page.select("ol.changes > li");
        assertThat(changes).extracting(Element::text).allSatisfy(text -> assertThat(text).contains("A check went from"));
        assertThat(changes).extracting(change -> change.select("span").text()).containsExactly(
                "A check went from unknown to paused", "A check went from up to down", "A check went from unknown to up");
        assertThat(changes).allSatisfy(change -> {
            Element time = change.selectFirst("time[datetime]");
            assertThat(time).isNotNull();
            assertThat(Instant.parse(time.attr("datetime"))).isBefore(Instant.now().plusSeconds(60));
            assertThat(time.text()).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC");
        });
        assertThat(page.text()).doesNotContain("health endpoint", "login flow", "HTTP 503", "paused by", "127.0.0.1", "admin-");
    }

    @Test
    void serviceWithoutRuns_saysNoResponseTimesWereRecorded() {
        Document page = read("/services/database");

        assertThat(page.select("h1").text()).isEqualTo("Database");
        assertThat(page.select(".service-status-large").text()).isEqualTo("Operational");
        assertThat(page.select("figure.chart")).hasSize(2).allSatisfy(chart -> {
            assertThat(chart.select(".chart-empty").text()).startsWith("No response times recorded");
            assertThat(chart.select("svg, details")).isEmpty();
        });
        assertThat(page.select(".uptime-legend").text()).contains("No data yet");
        assertThat(page.select("ol.changes")).isEmpty();
        assertThat(page.text()).contains("No changes recorded yet.");
        assertThat(page.getElementById("depends-heading")).isNull();
    }

    @Test
    void dependencies_linkToTheirPages_andNonPublicOnesAreLeftOut() {
        Document page = read("/services/api");

        assertThat(page.select("#depends-heading").text()).isEqualTo("Depends on");
        assertThat(page.select("section[aria-labelledby=depends-heading] a.service-name"))
                .extracting(Element::text, link -> link.attr("href"))
                .containsExactly(tuple("Database", "/services/database"));
        assertThat(page.text()).doesNotContain("Vault");
        assertThat(page.select("nav.breadcrumb a[href=/]").text()).isEqualTo("Acme Status");
    }

    @Test
    void response_isValidHtml_thatSharedCachesMayKeepBriefly() {
        Json response = api.get("/services/api");

        assertThat(response.status()).isEqualTo(200);
        assertThat(MediaType.of(response.header("Content-Type")).getName()).isEqualTo(MediaType.TEXT_HTML);
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=10");
        Parser parser = Parser.htmlParser().setTrackErrors(20);
        Jsoup.parse(response.body(), api.uri("/").toString(), parser);
        assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
    }

    @Test
    void nonPublicOrUnknownServices_areNotFound_whoeverAsks() {
        assertThat(api.get("/services/vault").status()).isEqualTo(404);
        assertThat(api.get("/services/vault", "Authorization", "Bearer " + admin).status()).isEqualTo(404);
        assertThat(api.get("/services/nope").status()).isEqualTo(404);
        assertThat(api.get("/services/vault").body()).doesNotContain("Vault");
    }

    private Document read(String path) {
        Json response = api.get(path, "Accept", "text/html");
        assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri(path).toString());
    }
}
