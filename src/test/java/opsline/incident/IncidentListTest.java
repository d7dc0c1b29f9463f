package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code incidents(first, after, status, severity, service, open)}: newest first, filtered, a page at a time. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class IncidentListTest extends ResponderApiTest {

    private static final String LIST = """
            query ($first: Int, $after: String, $status: [IncidentStatus!], $severity: Severity, $service: String, $open: Boolean) {
              incidents(first: $first, after: $after, status: $status, severity: $severity, service: $service, open: $open) {
                totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { number } }
              }
            }""";

    String checkoutP1;
    String searchP2;
    String checkoutP3Resolved;
    String bothP2Monitoring;

    @BeforeEach
    void setUp() {
        createService(Map.of("name", "Checkout API"));
        createService(Map.of("name", "Search"));
        checkoutP1 = incidents.declare("Checkout down", "P1", "checkout-api");
        searchP2 = incidents.declare("Search slow", "P2", "search");
        checkoutP3Resolved = incidents.declare("Checkout images missing", "P3", "checkout-api");
        incidents.resolve(checkoutP3Resolved, "Fixed.");
        bothP2Monitoring = incidents.declare("Everything slow", "P2", "checkout-api", "search");
        incidents.changeStatus(bothP2Monitoring, "MONITORING", null);
    }

    @Test
    void incidents_withoutFilters_listsAllNewestFirst() {
        Json all = list(Map.of());

        assertThat(numbers(all)).containsExactly(bothP2Monitoring, checkoutP3Resolved, searchP2, checkoutP1);
        assertThat(all.<Integer>read("$.data.incidents.totalCount")).isEqualTo(4);
    }

    @Test
    void incidents_filteredByStatusSeverityServiceOrOpenness_listOnlyThoseThatMatch() {
        assertThat(numbers(list(Map.of("status", List.of("RESOLVED"))))).containsExactly(checkoutP3Resolved);
        assertThat(numbers(list(Map.of("status", List.of("INVESTIGATING", "MONITORING"))))).containsExactly(bothP2Monitoring, searchP2, checkoutP1);
        assertThat(numbers(list(Map.of("severity", "P2")))).containsExactly(bothP2Monitoring, searchP2);
        assertThat(numbers(list(Map.of("service", "checkout-api")))).containsExactly(bothP2Monitoring, checkoutP3Resolved, checkoutP1);
        assertThat(numbers(list(Map.of("service", "search", "severity", "P2", "status", List.of("MONITORING"))))).containsExactly(bothP2Monitoring);
        assertThat(numbers(list(Map.of("open", false)))).containsExactly(checkoutP3Resolved);
        assertThat(numbers(list(Map.of("open", true, "service", "checkout-api")))).containsExactly(bothP2Monitoring, checkoutP1);
        assertThat(numbers(list(Map.of("service", "no-such-service")))).isEmpty();
        assertThat(list(Map.of("severity", "P2")).<Integer>read("$.data.incidents.totalCount")).isEqualTo(2);
    }

    @Test
    void incidents_pagedTwoAtATime_visitEachOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        List<Boolean> hasNext = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Map<String, Object> variables = new HashMap<>(Map.of("first", 2));
            if (after != null) {
                variables.put("after", after);
            }
            Json found = list(variables);
            seen.addAll(numbers(found));
            hasNext.add(found.read("$.data.incidents.pageInfo.hasNextPage"));
            assertThat(found.<Integer>read("$.data.incidents.totalCount")).isEqualTo(4);
            after = found.read("$.data.incidents.pageInfo.endCursor");
            if (after == null) {
                break;
            }
        }

        assertThat(seen).containsExactly(bothP2Monitoring, checkoutP3Resolved, searchP2, checkoutP1);
        assertThat(hasNext).startsWith(true, false);
    }

    @Test
    void incidents_pagedWithAFilter_keepTheFilterAcrossPages() {
        Json first = list(Map.of("first", 1, "service", "checkout-api"));
        Json second = list(Map.of("first", 1, "service", "checkout-api", "after", first.read("$.data.incidents.pageInfo.endCursor")));

        assertThat(numbers(first)).containsExactly(bothP2Monitoring);
        assertThat(numbers(second)).containsExactly(checkoutP3Resolved);
        assertThat(second.<Boolean>read("$.data.incidents.pageInfo.hasPreviousPage")).isTrue();
        assertThat(second.<Boolean>read("$.data.incidents.pageInfo.hasNextPage")).isTrue();
    }

    @Test
    void incidents_askingForTooManyAtOnce_isAnError() {
        Json refused = list(Map.of("first", 501));

        assertThat(refused.errorMessages()).containsExactly("'first' must be between 1 and 500; got 501.");
    }

    private Json list(Map<String, Object> variables) {
        return api.graphql(LIST, variables, responder);
    }

    private static List<String> numbers(Json found) {
        return found.read("$.data.incidents.edges[*].node.number");
    }
}
