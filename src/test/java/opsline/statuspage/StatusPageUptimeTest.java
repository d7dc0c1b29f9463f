package opsline.statuspage;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.check.CheckApiFixtures;
import opsline.check.LoopbackTarget;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static opsline.check.CheckApiFixtures.httpCheck;
import static opsline.statuspage.StatusPageReader.serviceItem;
import static opsline.statuspage.StatusPageReader.showsStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** The status page's uptime bars, drawn from the runs of each service's checks. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class StatusPageUptimeTest extends AdminApiTest {

    /** Generous: other builds share this machine. */
    private static final Duration PAGE_FOLLOWS_WITHIN = Duration.ofSeconds(15);

    StatusPageReader statusPage;
    CheckApiFixtures checks;
    LoopbackTarget target;

    @BeforeEach
    void setUp() {
        statusPage = new StatusPageReader(api);
        checks = new CheckApiFixtures(api, admin);
        target = LoopbackTarget.start();
        // The cleaner's event reaches the page cache asynchronously: wait until the previous test's page is gone.
        statusPage.await(PAGE_FOLLOWS_WITHIN, "the empty state", page -> page.getElementById("empty-heading") != null);
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void serviceWithRuns_showsNinetyDailyBars_eachTitledWithItsDate_andTheUptimePercentage() {
        createService(Map.of("name", "API"));
        String id = checks.create(httpCheck("api", "health", target.url("/health"), Map.of("failureThreshold", 1)));
        checks.runNow(id);
        target.answer(500, "broken");
        checks.runNow(id);

        Document page = statusPage.await(PAGE_FOLLOWS_WITHIN, "API in major outage", showsStatus("API", "Major outage"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Element api = serviceItem(page, "API").orElseThrow();
        Element bars = api.selectFirst("svg.uptime-bars");
        assertThat(bars).as("uptime bars of API").isNotNull();
        List<Element> rects = bars.select("rect");
        assertThat(rects).hasSize(90);
        assertThat(rects).allSatisfy(rect -> assertThat(rect.select("title").text())
                .matches("\\d{4}-\\d{2}-\\d{2}: (no data|\\d{1,3}\\.\\d{2}% uptime)"));
        assertThat(rects.get(89).select("title").text()).isIn(today + ": 50.00% uptime", today.minusDays(1) + ": 50.00% uptime");
        assertThat(rects.get(89).hasClass("bar-DOWN")).isTrue();
        assertThat(rects.get(0).select("title").text()).endsWith(": no data");
        assertThat(LocalDate.parse(rects.get(0).select("title").text().substring(0, 10)))
                .isEqualTo(LocalDate.parse(rects.get(89).select("title").text().substring(0, 10)).minusDays(89));
        assertThat(api.select(".uptime-legend").text()).contains("50.00% uptime");
        assertThat(bars.attr("aria-label")).isEqualTo("Uptime over the last 90 days: 50.00%");
    }

    @Test
    void servicesWithoutRuns_showNoBars() {
        createService(Map.of("name", "API"));
        createService(Map.of("name", "Website"));
        createService(Map.of("name", "Search"));
        checks.create(httpCheck("search", "never run", target.url("/"), Map.of()));
        checks.runNow(checks.create(httpCheck("api", "health", target.url("/health"), Map.of())));

        Document page = statusPage.await(PAGE_FOLLOWS_WITHIN, "bars for API",
                shown -> serviceItem(shown, "API").map(item -> !item.select("svg.uptime-bars").isEmpty()).orElse(false));

        assertThat(serviceItem(page, "Website").orElseThrow().select(".uptime, svg")).isEmpty();
        assertThat(serviceItem(page, "Search").orElseThrow().select(".uptime, svg")).isEmpty();
        assertThat(serviceItem(page, "API").orElseThrow().select(".uptime-legend").text()).contains("100.00% uptime");
    }

    @Test
    void serviceNames_linkToTheirServicePages() {
        createService(Map.of("name", "Checkout API", "slug", "checkout"));
        createService(Map.of("name", "Website", "group", "Storefront"));

        Document page = statusPage.await(PAGE_FOLLOWS_WITHIN, "both services",
                shown -> shown.select(".service-name").size() == 2);

        assertThat(page.select("a.service-name").eachAttr("href")).containsExactlyInAnyOrder("/services/checkout", "/services/website");
    }
}
