package opsline.statuspage;

import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static opsline.statuspage.StatusPageReader.serviceItem;
import static opsline.statuspage.StatusPageReader.shows;
import static opsline.statuspage.StatusPageReader.showsStatus;
import static opsline.statuspage.StatusPageReader.statusWordsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@MicronautTest(transactional = false)
class StatusPageTest extends AdminApiTest {

    StatusPageReader statusPage;

    @BeforeEach
    void setUp() {
        statusPage = new StatusPageReader(api);
        // The cleaner's event reaches the page cache asynchronously: wait until the previous test's page is gone.
        statusPage.await(Duration.ofSeconds(10), "the empty state", page -> page.getElementById("empty-heading") != null);
    }

    @Test
    void withNoServices_showsTheEmptyStateWithInstructions() {
        Document page = statusPage.read();

        assertThat(page.select(".empty-state h2").text()).isEqualTo("No services yet");
        assertThat(page.select(".empty-state pre code").text()).contains("createService(input:", "Authorization: Bearer");
        assertThat(page.select(".empty-state a[href=/graphiql]")).hasSize(1);
        assertThat(page.select(".service")).isEmpty();
        assertThat(page.select(".summary-text").text()).isEqualTo("All Systems Operational");
    }

    @Test
    void services_areListedUngroupedFirst_thenByGroupPosition_thenByServicePositionAndName() {
        createGroup("Edge", 2);
        createGroup("Data", 1);
        createGroup("Core", 1);
        createService(Map.of("name", "Zeta", "position", 0));
        createService(Map.of("name", "Late", "position", 5));
        createService(Map.of("name", "Alpha", "position", 0));
        createService(Map.of("name", "CDN", "group", "Edge"));
        createService(Map.of("name", "Warehouse", "group", "Data"));
        createService(Map.of("name", "Web", "group", "Core", "position", 1));
        createService(Map.of("name", "auth", "group", "Core", "position", 2));
        createService(Map.of("name", "API", "group", "Core", "position", 2));

        Document page = statusPage.await("the service API", shows("API"));

        assertThat(ungroupedNames(page)).containsExactly("Alpha", "Zeta", "Late");
        assertThat(groups(page)).containsExactly(
                entry("Core", List.of("Web", "API", "auth")),
                entry("Data", List.of("Warehouse")),
                entry("Edge", List.of("CDN")));
        assertThat(page.getElementById("empty-heading")).isNull();
    }

    @Test
    void nonPublicServices_andGroupsHoldingOnlyNonPublicServices_neverAppear() {
        createService(Map.of("name", "Secret Cron", "public", false));
        setStatus("secret-cron", "MAJOR_OUTAGE");
        createService(Map.of("name", "Billing DB", "group", "Internal", "public", false));
        createService(Map.of("name", "Admin Tool", "group", "Storefront", "public", false));
        createService(Map.of("name", "Website", "group", "Storefront"));

        Document page = statusPage.await("the service Website", shows("Website"));

        assertThat(groups(page)).containsExactly(entry("Storefront", List.of("Website")));
        assertThat(ungroupedNames(page)).isEmpty();
        assertThat(page.body().text()).doesNotContain("Secret Cron", "Billing DB", "Internal", "Admin Tool");
        assertThat(page.select(".summary-text").text()).isEqualTo("All Systems Operational");
    }

    @ParameterizedTest(name = "{0}: summary \"{1}\", service \"{3}\"")
    @CsvSource({
            "OPERATIONAL,          All Systems Operational,   NONE,        Operational",
            "DEGRADED_PERFORMANCE, Minor Service Outage,      MINOR,       Degraded performance",
            "PARTIAL_OUTAGE,       Partial System Outage,     MAJOR,       Partial outage",
            "MAJOR_OUTAGE,         Major System Outage,       CRITICAL,    Major outage",
            "UNDER_MAINTENANCE,    Service Under Maintenance, MAINTENANCE, Under maintenance"})
    void worstStatus_decidesTheSummaryWords_andEachServiceShowsItsOwnStatusWords(String status, String summary,
                                                                                  String indicator, String serviceWords) {
        createService(Map.of("name", "Website"));
        createService(Map.of("name", "API"));
        setStatus("api", status);

        Document page = statusPage.await("API as " + serviceWords, showsStatus("API", serviceWords));

        assertThat(page.select(".summary-text").text()).isEqualTo(summary);
        assertThat(page.select("section.summary").hasClass("indicator-" + indicator)).isTrue();
        assertThat(serviceItem(page, "API")).hasValueSatisfying(item -> assertThat(item.hasClass("status-" + status)).isTrue());
        assertThat(statusWordsOf(page, "Website")).isEqualTo("Operational");
    }

    @Test
    void summary_ranksMaintenanceBelowARealOutage() {
        createService(Map.of("name", "Search"));
        createService(Map.of("name", "Mail"));
        setStatus("search", "UNDER_MAINTENANCE");
        setStatus("mail", "DEGRADED_PERFORMANCE");

        Document page = statusPage.await("Mail degraded", showsStatus("Mail", "Degraded performance"));

        assertThat(page.select(".summary-text").text()).isEqualTo("Minor Service Outage");
    }

    @Test
    void title_isTheSiteNameFollowedByStatus() {
        Document page = statusPage.read();

        assertThat(page.title()).isEqualTo("Acme Status");
        assertThat(page.select("header.masthead h1").text()).isEqualTo("Acme Status");
    }

    @Test
    void response_isCacheableHtmlThatMustBeRevalidated() {
        Json response = api.get("/");

        assertThat(response.status()).isEqualTo(200);
        MediaType contentType = MediaType.of(response.header("Content-Type"));
        assertThat(contentType.getName()).isEqualTo(MediaType.TEXT_HTML);
        assertThat(contentType.getCharset()).hasValueSatisfying(charset -> assertThat(charset.name()).isEqualTo("UTF-8"));
        assertThat(response.header("Cache-Control")).isEqualTo("public, no-cache");
    }

    @Test
    void etag_answers304WhileThePageIsUnchanged_andChangesWithThePage() {
        createService(Map.of("name", "API"));
        statusPage.await("the service API", shows("API"));
        String etag = api.get("/").header("ETag");

        Json unchanged = api.get("/", "If-None-Match", etag);

        assertThat(etag).matches("\"[0-9a-f]+\"");
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
        assertThat(unchanged.header("Cache-Control")).isEqualTo("public, no-cache");

        setStatus("api", "PARTIAL_OUTAGE");
        statusPage.await("API in partial outage", showsStatus("API", "Partial outage"));
        Json changed = api.get("/", "If-None-Match", etag);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotBlank().isNotEqualTo(etag);
    }

    @Test
    void serviceNamedLikeMarkup_isShownAsText_andAddsNoScript() {
        String name = "<script>alert(1)</script>";
        createService(Map.of("name", name, "slug", "markup"));

        Document page = statusPage.await("the service named like markup", shows(name));

        assertThat(page.select("script").eachAttr("src")).as("only our own scripts, no inline ones")
                .containsExactly("/assets/local-time.js");
        assertThat(page.select("script").html()).isEmpty();
        assertThat(page.select(".service-name").eachText()).containsExactly(name);
    }

    @Test
    void statusChange_showsOnThePageWithinOneSecond() {
        createService(Map.of("name", "API"));
        statusPage.await("the service API", shows("API"));

        setStatus("api", "MAJOR_OUTAGE");

        Document page = statusPage.await("API in major outage", showsStatus("API", "Major outage"));
        assertThat(page.select(".summary-text").text()).isEqualTo("Major System Outage");
    }

    private static List<String> ungroupedNames(Document page) {
        return page.select("section.services > ul.service-list .service-name").eachText();
    }

    /** Each group's heading with its services' names, in page order. */
    private static Map<String, List<String>> groups(Document page) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Element group : page.select("section.service-group")) {
            groups.put(group.select("h2").text(), group.select(".service-name").eachText());
        }
        return groups;
    }
}
