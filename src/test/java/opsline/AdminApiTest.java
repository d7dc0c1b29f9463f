package opsline;

import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link ApiTest} with the token of an admin made for each test, and the catalog changes tests set up
 * as that admin. Each change fails the test unless the API accepts it.
 */
public abstract class AdminApiTest extends ApiTest {

    protected String admin;

    @BeforeEach
    void signInAsAdmin() {
        admin = accounts.tokenFor(Role.ADMIN);
    }

    protected void createService(Map<String, Object> input) {
        Json created = api.run("createService", Map.of("input", input), admin);
        assertThat(created.<List<?>>read("$.data.createService.userErrors")).as("createService %s", input).isEmpty();
    }

    protected void createGroup(String name, int position) {
        Json created = api.graphql("mutation ($input: CreateServiceGroupInput!) { createServiceGroup(input: $input) { userErrors { message } } }",
                Map.of("input", Map.of("name", name, "position", position)), admin);
        assertThat(created.<List<?>>read("$.data.createServiceGroup.userErrors")).as("createServiceGroup %s", name).isEmpty();
    }

    /** Sets the service's status by hand, giving "test" as the reason. */
    protected void setStatus(String slug, String status) {
        Json set = api.run("setServiceStatus", Map.of("input", Map.of("service", slug, "status", status, "reason", "test")), admin);
        assertThat(set.<List<?>>read("$.data.setServiceStatus.userErrors")).as("setServiceStatus %s", slug).isEmpty();
    }
}
