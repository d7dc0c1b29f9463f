package opsline.service;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.ApiTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing services with their relations costs the same few statements however many services there are. */
@MicronautTest(transactional = false)
@Property(name = "opsline.test.count-sql", value = "true")
class NoNPlusOneTest extends ApiTest {

    private static final String SERVICES_WITH_RELATIONS = """
            { services(first: 100) { edges { node {
                slug status
                group { name }
                dependsOn { slug }
                dependents { slug }
                statusSignals { source status reason }
            } } } }""";

    @Inject
    SqlStatements sql;

    @Test
    void services_withGroupsDependenciesAndStatuses_runAsManyStatementsForFiftyServicesAsForFive() {
        List<String> forFive = statementsToList(5);
        List<String> forFifty = statementsToList(50);

        System.out.printf("services(first: 100) with relations: %d SQL statements for 5 services, %d for 50%n",
                forFive.size(), forFifty.size());
        assertThat(forFive).isNotEmpty();
        assertThat(forFifty).as("statements for 50 services:\n%s\nfor 5:\n%s", String.join("\n", forFifty), String.join("\n", forFive))
                .hasSameSizeAs(forFive);
    }

    /** The statements of one anonymous listing of a fresh catalog of {@code count} services. */
    private List<String> statementsToList(int count) {
        database.clean();
        createCatalog(count);

        sql.reset();
        Json listed = api.graphql(SERVICES_WITH_RELATIONS);
        List<String> statements = sql.recorded();

        assertThat(listed.errorMessages()).isEmpty();
        assertThat(listed.<List<String>>read("$.data.services.edges[*].node.slug")).hasSize(count);
        assertThat(listed.<List<String>>read("$.data.services.edges[*].node.group.name")).hasSize(count);
        assertThat(listed.<List<String>>read("$.data.services.edges[?(@.node.slug == 'service-1')].node.dependsOn[*].slug"))
                .containsExactly("service-0");
        assertThat(listed.<List<String>>read("$.data.services.edges[?(@.node.slug == 'service-1')].node.dependents[*].slug"))
                .contains("service-2");
        assertThat(listed.<List<String>>read("$.data.services.edges[*].node.status")).contains("MAJOR_OUTAGE");
        return statements;
    }

    /**
     * Services {@code service-0} to {@code service-<count-1>} in five groups, each depending on the one
     * before it, the last one down by hand.
     */
    private void createCatalog(int count) {
        String admin = accounts.tokenFor(Role.ADMIN);
        for (int i = 0; i < count; i++) {
            List<String> dependsOn = i == 0 ? List.of() : List.of("service-" + (i - 1));
            Json created = api.run("createService", Map.of("input", Map.of("name", "Service " + i, "slug", "service-" + i,
                    "group", "Group " + i % 5, "dependsOn", dependsOn)), admin);
            assertThat(created.<List<?>>read("$.data.createService.userErrors")).isEmpty();
        }
        api.run("setServiceStatus", Map.of("input", Map.of("service", "service-" + (count - 1),
                "status", "MAJOR_OUTAGE", "reason", "down for the test")), admin);
    }
}
