package opsline.statuspage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page shows exactly what its own document, {@code views/status.graphql}, answers through the public API. */
@MicronautTest(transactional = false)
class StatusPageMatchesApiTest extends AdminApiTest {

    /** Statuspage's words for each status, as the page writes them. */
    private static final Map<String, String> STATUS_WORDS = Map.of(
            "OPERATIONAL", "Operational",
            "DEGRADED_PERFORMANCE", "Degraded performance",
            "PARTIAL_OUTAGE", "Partial outage",
            "MAJOR_OUTAGE", "Major outage",
            "UNDER_MAINTENANCE", "Under maintenance");

    @Test
    void page_showsTheSameSummaryGroupsServicesAndStatusesAsTheApiAnswersItsDocument() throws IOException {
        createGroup("Core", 1);
        createGroup("Edge", 0);
        createService(Map.of("name", "Website", "description", "The shop front"));
        createService(Map.of("name", "Status Emails"));
        createService(Map.of("name", "Checkout API", "description", "Takes payments", "group", "Core"));
        createService(Map.of("name", "Search", "group", "Core", "position", 1));
        createService(Map.of("name", "Ledger", "group", "Core", "public", false));
        createService(Map.of("name", "CDN", "group", "Edge"));
        createService(Map.of("name", "Payroll", "group", "Internal", "public", false));
        setStatus("website", "DEGRADED_PERFORMANCE");
        setStatus("checkout-api", "PARTIAL_OUTAGE");
        setStatus("ledger", "MAJOR_OUTAGE");
        setStatus("cdn", "UNDER_MAINTENANCE");

        Json answer = api.graphql(Files.readString(Path.of("views", "status.graphql")));
        StatusView fromApi = fromApi(answer);
        StatusView onPage = awaitPageShowing(fromApi);

        assertThat(answer.errorMessages()).isEmpty();
        assertThat(fromApi.summary()).isEqualTo("Partial System Outage");
        assertThat(fromApi.ungrouped()).extracting(ShownService::name).containsExactly("Status Emails", "Website");
        assertThat(fromApi.groups().keySet()).containsExactly("Edge", "Core");
        assertThat(onPage.title()).isEqualTo(fromApi.title());
        assertThat(onPage.summary()).isEqualTo(fromApi.summary());
        assertThat(onPage.ungrouped()).containsExactlyElementsOf(fromApi.ungrouped());
        assertThat(onPage.groups().keySet()).containsExactlyElementsOf(fromApi.groups().keySet());
        fromApi.groups().forEach((group, services) ->
                assertThat(onPage.groups().get(group)).as("services of group %s", group).containsExactlyElementsOf(services));
    }

    /** What the page shows a reader: its title, summary words and each list of services. */
    record StatusView(String title, String summary, List<ShownService> ungrouped, Map<String, List<ShownService>> groups) {
    }

    /** One service as a reader sees it: its name, description (empty when none) and status in words. */
    record ShownService(String name, String description, String status) {
    }

    private static StatusView fromApi(Json answer) {
        List<ShownService> ungrouped = servicesFromApi(answer.read("$.data.ungrouped.edges[*].node"));
        Map<String, List<ShownService>> groups = new LinkedHashMap<>();
        for (Map<String, Object> group : answer.<List<Map<String, Object>>>read("$.data.serviceGroups")) {
            groups.put((String) group.get("name"), servicesFromApi(castList(group.get("services"))));
        }
        return new StatusView(answer.read("$.data.site.name") + " Status", answer.read("$.data.statusSummary.description"),
                ungrouped, groups);
    }

    private static List<ShownService> servicesFromApi(List<Map<String, Object>> nodes) {
        List<ShownService> services = new ArrayList<>();
        for (Map<String, Object> node : nodes) {
            services.add(new ShownService((String) node.get("name"), (String) node.get("description"),
                    STATUS_WORDS.get((String) node.get("status"))));
        }
        return services;
    }

    private static StatusView fromPage(Document page) {
        Map<String, List<ShownService>> groups = new LinkedHashMap<>();
        for (Element group : page.select("section.service-group")) {
            groups.put(group.select("h2").text(), servicesOnPage(group.select("li.service")));
        }
        return new StatusView(page.title(), page.select(".summary-text").text(),
                servicesOnPage(page.select("section.services > ul.service-list > li.service")), groups);
    }

    private static List<ShownService> servicesOnPage(Elements items) {
        return items.stream()
                .map(item -> new ShownService(item.select(".service-name").text(), item.select(".service-description").text(),
                        item.select(".service-status").text()))
                .toList();
    }

    /** Reads the page until it shows what the API answered, for at most a second: what it shows then. */
    private StatusView awaitPageShowing(StatusView expected) {
        return fromPage(new StatusPageReader(api).readUntil(page -> fromPage(page).equals(expected)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
