package opsline.service;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ServiceCatalogApiTest extends AdminApiTest {

    @Test
    void createService_withTheIntegrationInputNames_returnsTheServiceAndCreatesItsGroup() {
        Json created = create(Map.of("name", "Checkout API", "slug", "checkout", "description", "Takes payments",
                "group", "Core", "public", true));

        assertThat(created.<List<?>>read("$.data.createService.userErrors")).isEmpty();
        assertThat(created.<String>read("$.data.createService.service.slug")).isEqualTo("checkout");
        assertThat(created.<String>read("$.data.createService.service.status")).isEqualTo("OPERATIONAL");
        assertThat(created.<String>read("$.data.createService.service.group.name")).isEqualTo("Core");
        Json groups = api.graphql("{ serviceGroups { name services { slug } } }", Map.of(), admin);
        assertThat(groups.<List<String>>read("$.data.serviceGroups[*].name")).containsExactly("Core");
        assertThat(groups.<List<String>>read("$.data.serviceGroups[0].services[*].slug")).containsExactly("checkout");
    }

    @Test
    void createService_withoutSlug_derivesItFromTheName() {
        Json created = create(Map.of("name", "Café Payments (EU)"));

        assertThat(created.<String>read("$.data.createService.service.slug")).isEqualTo("cafe-payments-eu");
    }

    @Test
    void createService_withBadInput_answersEveryProblemAsUserErrorsAndStoresNothing() {
        Json created = create(Map.of("name", " ", "slug", "Bad Slug!",
                "links", List.of(Map.of("title", "", "url", "ftp://x")), "dependsOn", List.of("missing")));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.<Object>read("$.data.createService.service")).isNull();
        assertThat(created.<List<String>>read("$.data.createService.userErrors[*].field"))
                .containsExactlyInAnyOrder("name", "slug", "links.0.title", "links.0.url", "dependsOn");
        assertThat(created.<List<String>>read("$.data.createService.userErrors[*].code"))
                .contains("REQUIRED", "INVALID", "NOT_FOUND");
        assertThat(api.graphql("{ services { totalCount } }", Map.of(), admin).<Integer>read("$.data.services.totalCount")).isZero();
    }

    @Test
    void createService_withATakenSlug_isRefusedAndKeepsTheExistingService() {
        create(Map.of("name", "Checkout", "description", "original"));

        Json again = create(Map.of("name", "Checkout", "description", "replacement"));

        assertThat(again.<List<String>>read("$.data.createService.userErrors[*].code")).containsExactly("TAKEN");
        Json stored = api.run("service", Map.of("slug", "checkout"), admin);
        assertThat(stored.<String>read("$.data.service.name")).isEqualTo("Checkout");
    }

    @Test
    void updateService_changesOnlyTheFieldsGivenAndLinksDependencies() {
        create(Map.of("name", "Database"));
        create(Map.of("name", "API", "description", "before", "owner", "team-a"));

        Json updated = api.run("updateService", Map.of("input", Map.of("service", "api", "description", "after",
                "dependsOn", List.of("database"), "links", List.of(Map.of("title", "Grafana", "url", "https://grafana.example.com")))), admin);

        assertThat(updated.<List<?>>read("$.data.updateService.userErrors")).isEmpty();
        assertThat(updated.<String>read("$.data.updateService.service.description")).isEqualTo("after");
        assertThat(updated.<String>read("$.data.updateService.service.owner")).isEqualTo("team-a");
        assertThat(updated.<String>read("$.data.updateService.service.name")).isEqualTo("API");
        assertThat(updated.<List<String>>read("$.data.updateService.service.dependsOn[*].slug")).containsExactly("database");
        assertThat(updated.<List<String>>read("$.data.updateService.service.links[*].url")).containsExactly("https://grafana.example.com");
        Json database = api.run("service", Map.of("slug", "database"), admin);
        assertThat(database.<List<String>>read("$.data.service.dependents[*].slug")).containsExactly("api");
    }

    @Test
    void updateService_refusesADependencyCycle() {
        create(Map.of("name", "A"));
        create(Map.of("name", "B", "dependsOn", List.of("a")));

        Json cycle = api.run("updateService", Map.of("input", Map.of("service", "a", "dependsOn", List.of("b"))), admin);

        assertThat(cycle.<List<String>>read("$.data.updateService.userErrors[*].code")).containsExactly("CONFLICT");
        assertThat(api.run("service", Map.of("slug", "a"), admin).<List<?>>read("$.data.service.dependsOn")).isEmpty();
    }

    @Test
    void updateService_renamesTheSlug() {
        create(Map.of("name", "Old"));

        Json renamed = api.run("updateService", Map.of("input", Map.of("service", "old", "slug", "new")), admin);

        assertThat(renamed.<String>read("$.data.updateService.service.slug")).isEqualTo("new");
        assertThat(api.run("service", Map.of("slug", "old"), admin).<Object>read("$.data.service")).isNull();
    }

    @Test
    void deleteService_removesItAndItsDependencyLinks() {
        create(Map.of("name", "Database"));
        create(Map.of("name", "API", "dependsOn", List.of("database")));

        Json deleted = api.graphql("mutation { deleteService(input: {service: \"database\"}) { deletedSlug userErrors { code } } }", Map.of(), admin);

        assertThat(deleted.<String>read("$.data.deleteService.deletedSlug")).isEqualTo("database");
        assertThat(api.run("service", Map.of("slug", "api"), admin).<List<?>>read("$.data.service.dependsOn")).isEmpty();
        Json again = api.graphql("mutation { deleteService(input: {service: \"database\"}) { deletedSlug userErrors { code } } }", Map.of(), admin);
        assertThat(again.<List<String>>read("$.data.deleteService.userErrors[*].code")).containsExactly("NOT_FOUND");
    }

    @Test
    void setServiceStatus_overridesTheDerivedStatusUntilCleared() {
        create(Map.of("name", "API"));
        String responder = accounts.tokenFor(Role.RESPONDER);

        Json set = api.run("setServiceStatus", Map.of("input", Map.of("service", "api", "status", "MAJOR_OUTAGE",
                "reason", "Database failover in progress")), responder);

        assertThat(set.<String>read("$.data.setServiceStatus.service.status")).isEqualTo("MAJOR_OUTAGE");
        assertThat(set.<String>read("$.data.setServiceStatus.service.statusOverride.reason")).isEqualTo("Database failover in progress");
        assertThat(set.<String>read("$.data.setServiceStatus.service.statusSignals[0].source")).isEqualTo("manual");
        assertThat(api.graphql("{ statusSummary { description indicator } }").<String>read("$.data.statusSummary.description"))
                .isEqualTo("Major System Outage");

        Json cleared = api.graphql("mutation { clearServiceStatus(input: {service: \"api\"}) { service { status statusOverride { status } } userErrors { code } } }",
                Map.of(), responder);

        assertThat(cleared.<String>read("$.data.clearServiceStatus.service.status")).isEqualTo("OPERATIONAL");
        assertThat(cleared.<Object>read("$.data.clearServiceStatus.service.statusOverride")).isNull();
    }

    @Test
    void setServiceStatus_withoutAReason_isRefused() {
        create(Map.of("name", "API"));

        Json set = api.run("setServiceStatus", Map.of("input", Map.of("service", "api", "status", "MAJOR_OUTAGE", "reason", "")), admin);

        assertThat(set.<List<String>>read("$.data.setServiceStatus.userErrors[*].field")).containsExactly("reason");
        assertThat(api.run("service", Map.of("slug", "api"), admin).<String>read("$.data.service.status")).isEqualTo("OPERATIONAL");
    }

    @Test
    void services_arePagedWithCursorsAndFilteredByGroupAndStatus() {
        for (String name : List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo")) {
            create(Map.of("name", name, "group", name.compareTo("C") < 0 ? "First" : "Second"));
        }
        api.run("setServiceStatus", Map.of("input", Map.of("service", "echo", "status", "PARTIAL_OUTAGE", "reason", "x")), admin);

        Json firstPage = api.run("services", Map.of("first", 2), admin);
        String cursor = firstPage.read("$.data.services.pageInfo.endCursor");
        Json secondPage = api.run("services", Map.of("first", 2, "after", cursor), admin);

        assertThat(firstPage.<Integer>read("$.data.services.totalCount")).isEqualTo(5);
        assertThat(firstPage.<List<String>>read("$.data.services.edges[*].node.slug")).containsExactly("alpha", "bravo");
        assertThat(firstPage.<Boolean>read("$.data.services.pageInfo.hasNextPage")).isTrue();
        assertThat(secondPage.<List<String>>read("$.data.services.edges[*].node.slug")).containsExactly("charlie", "delta");
        assertThat(secondPage.<Boolean>read("$.data.services.pageInfo.hasPreviousPage")).isTrue();
        assertThat(api.run("services", Map.of("group", "Second"), admin).<List<String>>read("$.data.services.edges[*].node.slug"))
                .containsExactly("charlie", "delta", "echo");
        assertThat(api.run("services", Map.of("status", "PARTIAL_OUTAGE"), admin).<List<String>>read("$.data.services.edges[*].node.slug"))
                .containsExactly("echo");
    }

    @Test
    void services_withAnOutOfRangePageSize_answerABadUserInputError() {
        Json tooMany = api.run("services", Map.of("first", 501), admin);

        assertThat(tooMany.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(tooMany.errorMessages().get(0)).contains("between 1 and 500");
    }

    @Test
    void anonymousViewers_seePublicServicesOnly() {
        create(Map.of("name", "Public API"));
        create(Map.of("name", "Internal Tool", "public", false));
        api.run("updateService", Map.of("input", Map.of("service", "public-api", "dependsOn", List.of("internal-tool"))), admin);

        Json anonymous = api.run("services", Map.of(), null);

        assertThat(anonymous.<List<String>>read("$.data.services.edges[*].node.slug")).containsExactly("public-api");
        assertThat(api.run("service", Map.of("slug", "internal-tool"), null).<Object>read("$.data.service")).isNull();
        assertThat(api.run("service", Map.of("slug", "public-api"), null).<List<?>>read("$.data.service.dependsOn")).isEmpty();
        assertThat(api.run("services", Map.of(), accounts.tokenFor(Role.VIEWER)).<Integer>read("$.data.services.totalCount")).isEqualTo(2);
    }

    /** Runs createService as the admin: its answer, user errors and all, for the test to check. */
    private Json create(Map<String, Object> input) {
        return api.run("createService", Map.of("input", input), admin);
    }
}
