package opsline.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AuditLogTest extends AdminApiTest {

    String adminName;

    @BeforeEach
    void setUp() {
        adminName = nameOf(admin);
    }

    @Test
    void aSuccessfulMutation_writesOneRecordWithActorOperationArgumentsAndOutcome() {
        Json created = api.run("createService", Map.of("input", Map.of("name", "Checkout", "slug", "checkout",
                "links", List.of(Map.of("title", "Runbook", "url", "https://runbooks.example.com/checkout")))), admin);
        assertThat(created.<List<?>>read("$.data.createService.userErrors")).isEmpty();

        Json log = auditLog(Map.of());

        assertThat(log.<Integer>read("$.data.auditLog.totalCount")).isEqualTo(1);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actor")).isEqualTo(adminName);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actorRole")).isEqualTo("ADMIN");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.operation")).isEqualTo("createService");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.outcome")).isEqualTo("SUCCESS");
        assertThat(log.<Object>read("$.data.auditLog.edges[0].node.message")).isNull();
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.occurredAt")).isNotBlank();
        assertThat(log.<Map<String, Object>>read("$.data.auditLog.edges[0].node.arguments")).isEqualTo(Map.of("input",
                Map.of("name", "Checkout", "slug", "checkout",
                        "links", List.of(Map.of("title", "Runbook", "url", "https://runbooks.example.com/checkout")))));
    }

    @Test
    void aRefusedInput_writesARejectedRecordWithTheUserErrors_andChangesNothing() {
        Json refused = api.run("createService", Map.of("input", Map.of("name", " ", "slug", "Bad Slug!", "group", "New Group")), admin);
        assertThat(refused.<List<String>>read("$.data.createService.userErrors[*].field")).containsExactlyInAnyOrder("name", "slug");

        Json log = auditLog(Map.of());

        assertThat(log.<Integer>read("$.data.auditLog.totalCount")).isEqualTo(1);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.outcome")).isEqualTo("REJECTED");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.operation")).isEqualTo("createService");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.message"))
                .contains("name: Name is required.").contains("slug: Slug must be");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.arguments.input.slug")).isEqualTo("Bad Slug!");
        Json state = api.graphql("{ services { totalCount } serviceGroups { name } }", Map.of(), admin);
        assertThat(state.<Integer>read("$.data.services.totalCount")).isZero();
        assertThat(state.<List<?>>read("$.data.serviceGroups")).isEmpty();
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource({"ANONYMOUS, UNAUTHENTICATED", "VIEWER, FORBIDDEN", "RESPONDER, FORBIDDEN"})
    void auditLog_isForAdminsOnly(String viewer, String code) {
        api.run("createService", Map.of("input", Map.of("name", "Checkout")), admin);
        String token = viewer.equals("ANONYMOUS") ? null : accounts.tokenFor(Role.valueOf(viewer));

        Json log = api.run("access-auditLog", Map.of(), token);

        assertThat(log.<List<String>>read("$.errors[*].extensions.code")).containsExactly(code);
        assertThat(log.<Object>read("$.data")).isNull();
    }

    @Test
    void auditLog_isPagedNewestFirstWithCursorsAndTotalCount() {
        for (String name : List.of("g1", "g2", "g3", "g4", "g5")) {
            api.graphql("mutation($name: String!) { createServiceGroup(input: {name: $name}) { userErrors { code } } }",
                    Map.of("name", name), admin);
        }

        Json first = auditLog(Map.of("first", 2));
        Json second = auditLog(Map.of("first", 2, "after", first.read("$.data.auditLog.pageInfo.endCursor")));
        Json last = auditLog(Map.of("first", 2, "after", second.read("$.data.auditLog.pageInfo.endCursor")));

        assertThat(groupNames(first)).containsExactly("g5", "g4");
        assertThat(groupNames(second)).containsExactly("g3", "g2");
        assertThat(groupNames(last)).containsExactly("g1");
        assertThat(List.of(first, second, last)).allSatisfy(page ->
                assertThat(page.<Integer>read("$.data.auditLog.totalCount")).isEqualTo(5));
        assertThat(first.<Boolean>read("$.data.auditLog.pageInfo.hasNextPage")).isTrue();
        assertThat(first.<Boolean>read("$.data.auditLog.pageInfo.hasPreviousPage")).isFalse();
        assertThat(second.<Boolean>read("$.data.auditLog.pageInfo.hasPreviousPage")).isTrue();
        assertThat(last.<Boolean>read("$.data.auditLog.pageInfo.hasNextPage")).isFalse();
        assertThat(last.<String>read("$.data.auditLog.edges[0].cursor")).isEqualTo(last.read("$.data.auditLog.pageInfo.endCursor"));
    }

    @Test
    void auditLog_filtersByOperationAndActor() {
        String responder = accounts.tokenFor(Role.RESPONDER);
        String responderName = nameOf(responder);
        api.run("createService", Map.of("input", Map.of("name", "API")), admin);
        api.run("setServiceStatus", Map.of("input", Map.of("service", "api", "status", "MAJOR_OUTAGE", "reason", "down")), responder);
        api.graphql("mutation { createServiceGroup(input: {name: \"Core\"}) { userErrors { code } } }", Map.of(), admin);

        Json byOperation = auditLog(Map.of("operation", "setServiceStatus"));
        Json byActor = auditLog(Map.of("actor", adminName.toUpperCase()));
        Json byBoth = auditLog(Map.of("operation", "createService", "actor", responderName));

        assertThat(byOperation.<List<String>>read("$.data.auditLog.edges[*].node.actor")).containsExactly(responderName);
        assertThat(byOperation.<Integer>read("$.data.auditLog.totalCount")).isEqualTo(1);
        assertThat(byActor.<List<String>>read("$.data.auditLog.edges[*].node.operation"))
                .containsExactly("createServiceGroup", "createService");
        assertThat(byActor.<Integer>read("$.data.auditLog.totalCount")).isEqualTo(2);
        assertThat(byBoth.<List<?>>read("$.data.auditLog.edges")).isEmpty();
        assertThat(byBoth.<Integer>read("$.data.auditLog.totalCount")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret", "clientSecret", "password", "newPassword", "PASSWORD", "token", "apiToken",
            "credential", "awsCredentials"})
    void redact_replacesValuesOfSecretSoundingNamesAtAnyDepth(String name) {
        Map<String, Object> arguments = Map.of(
                name, "top",
                "input", Map.of(name, "nested", "title", "kept"),
                "links", List.of(Map.of(name, "in a list", "url", "https://example.com")));

        Map<String, Object> redacted = AuditTrail.redact(arguments);

        assertThat(redacted).isEqualTo(Map.of(
                name, AuditTrail.REDACTED,
                "input", Map.of(name, AuditTrail.REDACTED, "title", "kept"),
                "links", List.of(Map.of(name, AuditTrail.REDACTED, "url", "https://example.com"))));
    }

    @Test
    void redact_replacesASecretNamedListOrObjectWhole_andKeepsEverythingElse() {
        Map<String, Object> arguments = Map.of("input", Map.of(
                "tokens", List.of("opl_a", "opl_b"),
                "credentials", Map.of("user", "bot", "key", "k"),
                "name", "deploy-bot",
                "role", "VIEWER",
                "tags", List.of("a", List.of(Map.of("password", "p", "id", 7)))));

        Map<String, Object> redacted = AuditTrail.redact(arguments);

        assertThat(redacted).isEqualTo(Map.of("input", Map.of(
                "tokens", AuditTrail.REDACTED,
                "credentials", AuditTrail.REDACTED,
                "name", "deploy-bot",
                "role", "VIEWER",
                "tags", List.of("a", List.of(Map.of("password", AuditTrail.REDACTED, "id", 7))))));
    }

    private Json auditLog(Map<String, Object> variables) {
        Json log = api.run("access-auditLog", new HashMap<>(variables), admin);
        assertThat(log.errorMessages()).as(log.toString()).isEmpty();
        return log;
    }

    private static List<String> groupNames(Json page) {
        return page.read("$.data.auditLog.edges[*].node.arguments.input.name");
    }
}
