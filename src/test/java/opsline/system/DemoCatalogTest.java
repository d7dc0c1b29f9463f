package opsline.system;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.ApiTest;
import opsline.Json;
import opsline.security.Role;
import opsline.statuspage.StatusPageReader;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static opsline.statuspage.StatusPageReader.shows;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@Property(name = "opsline.demo.enabled", value = "true")
class DemoCatalogTest extends ApiTest {

    private static final String GROUPS = "{ serviceGroups { name services { slug } } }";
    private static final String SERVICES = "{ services(first: 500) { totalCount edges { node { slug } } } }";
    private static final List<String> PUBLIC_SERVICES = List.of(
            "reconciliation-api", "reconciliation-database", "file-uploads", "ai-mapping-suggestions",
            "loyalty-api", "loyalty-database",
            "finance-web-app", "transaction-import", "redis-cache",
            "chat-api", "deepseek-ai");

    @Inject
    DemoCatalog demo;

    @Test
    void load_onAnEmptyCatalog_createsTheDemoGroupsAndServices() {
        demo.load();

        Json groups = api.graphql(GROUPS);
        assertThat(groups.<List<String>>read("$.data.serviceGroups[*].name"))
                .containsExactly("Smart Reconciliation", "Loyalty Platform", "Personal Finance Hub", "PartSelect Chat");
        assertThat(groups.<List<String>>read("$.data.serviceGroups[0].services[*].slug"))
                .containsExactly("reconciliation-api", "reconciliation-database", "file-uploads", "ai-mapping-suggestions");
        Json reconciliation = api.run("service", Map.of("slug", "reconciliation-api"), null);
        assertThat(reconciliation.<List<String>>read("$.data.service.dependsOn[*].slug"))
                .containsExactlyInAnyOrder("reconciliation-database", "file-uploads", "ai-mapping-suggestions");
    }

    @Test
    void load_showsOnlyThePublicServicesToAnonymousViewers() {
        demo.load();

        Json anonymous = api.graphql(SERVICES);
        Json viewer = api.graphql(SERVICES, Map.of(), accounts.tokenFor(Role.VIEWER));

        assertThat(anonymous.<List<String>>read("$.data.services.edges[*].node.slug"))
                .containsExactlyInAnyOrderElementsOf(PUBLIC_SERVICES);
        assertThat(viewer.<Integer>read("$.data.services.totalCount")).isEqualTo(PUBLIC_SERVICES.size() + 2);
        assertThat(viewer.<List<String>>read("$.data.services.edges[*].node.slug"))
                .containsAll(PUBLIC_SERVICES)
                .contains("backup-storage", "monitoring");
        assertThat(api.run("service", Map.of("slug", "backup-storage"), null).<Object>read("$.data.service")).isNull();
    }

    @Test
    void load_putsThePublicServicesOnTheStatusPage() {
        demo.load();

        Document page = new StatusPageReader(api).await("the service Reconciliation API", shows("Reconciliation API"));

        assertThat(page.select(".service-group h2").eachText())
                .containsExactly("Smart Reconciliation", "Loyalty Platform", "Personal Finance Hub", "PartSelect Chat");
        assertThat(page.select(".service .service-name").eachText())
                .hasSize(PUBLIC_SERVICES.size())
                .contains("AI mapping suggestions", "Chat API")
                .doesNotContain("Backup storage", "Monitoring");
        assertThat(page.select(".summary-text").text()).isEqualTo("Minor Service Outage");
    }

    @Test
    void load_marksTheAiMappingSuggestionsDegraded() {
        demo.load();

        Json service = api.graphql("{ service(slug: \"ai-mapping-suggestions\") { status statusOverride { reason } } }");

        assertThat(service.<String>read("$.data.service.status")).isEqualTo("DEGRADED_PERFORMANCE");
        assertThat(service.<String>read("$.data.service.statusOverride.reason")).contains("429");
        assertThat(api.graphql("{ statusSummary { status indicator } }").<String>read("$.data.statusSummary.status"))
                .isEqualTo("DEGRADED_PERFORMANCE");
    }

    @Test
    void load_aSecondTime_addsNothing() {
        demo.load();
        String viewer = accounts.tokenFor(Role.VIEWER);
        Json before = api.graphql(SERVICES, Map.of(), viewer);

        demo.load();

        Json after = api.graphql(SERVICES, Map.of(), viewer);
        assertThat(after.<Integer>read("$.data.services.totalCount")).isEqualTo(before.<Integer>read("$.data.services.totalCount"));
        assertThat(after.<List<String>>read("$.data.services.edges[*].node.slug"))
                .containsExactlyElementsOf(before.read("$.data.services.edges[*].node.slug"));
        assertThat(api.graphql(GROUPS).<List<String>>read("$.data.serviceGroups[*].name")).hasSize(4);
    }

    @Test
    void load_onACatalogThatHasAService_addsNothing() {
        String admin = accounts.tokenFor(Role.ADMIN);
        Json created = api.run("createService", Map.of("input", Map.of("name", "Checkout API")), admin);
        assertThat(created.<List<?>>read("$.data.createService.userErrors")).isEmpty();

        demo.load();

        Json services = api.graphql(SERVICES, Map.of(), admin);
        assertThat(services.<List<String>>read("$.data.services.edges[*].node.slug")).containsExactly("checkout-api");
        assertThat(api.graphql(GROUPS, Map.of(), admin).<List<?>>read("$.data.serviceGroups")).isEmpty();
    }
}
