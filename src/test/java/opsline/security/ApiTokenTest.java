package opsline.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.TestDatabase;
import opsline.validation.UserError;
import opsline.validation.UserErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ApiTokenTest extends AdminApiTest {

    @Inject
    Accounts domainAccounts;
    @Inject
    UserRepository users;

    @Test
    void createApiToken_returnsTheSecretOnce_andLaterReadsShowOnlyItsHint() {
        createUser("deploy-bot", "RESPONDER");

        Json created = createToken("deploy-bot", "ci", null);

        String secret = created.read("$.data.createApiToken.secret");
        assertThat(created.<List<?>>read("$.data.createApiToken.userErrors")).isEmpty();
        assertThat(secret).startsWith("opl_").hasSizeGreaterThan(40);
        assertThat(created.<String>read("$.data.createApiToken.token.role")).isEqualTo("RESPONDER");
        assertThat(created.<String>read("$.data.createApiToken.token.user.name")).isEqualTo("deploy-bot");
        Json listed = api.run("access-users", Map.of(), admin);
        assertThat(listed.body()).doesNotContain(secret);
        assertThat(listed.<List<String>>read("$.data.users[?(@.name == 'deploy-bot')].tokens[*].hint"))
                .containsExactly(secret.substring(0, 10));
    }

    @Test
    void theSecret_worksAsABearerToken() {
        createUser("deploy-bot", "RESPONDER");
        String secret = createToken("deploy-bot", "ci", "VIEWER").read("$.data.createApiToken.secret");

        Json viewer = api.run("access-viewer", Map.of(), secret);

        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.<Boolean>read("$.data.viewer.anonymous")).isFalse();
        assertThat(viewer.<String>read("$.data.viewer.role")).isEqualTo("VIEWER");
        assertThat(viewer.<String>read("$.data.viewer.user.name")).isEqualTo("deploy-bot");
        assertThat(viewer.<String>read("$.data.viewer.user.role")).isEqualTo("RESPONDER");
    }

    @Test
    void viewer_withoutAToken_isAnonymousWithoutRoleOrUser() {
        Json viewer = api.run("access-viewer", Map.of(), null);

        assertThat(viewer.<Boolean>read("$.data.viewer.anonymous")).isTrue();
        assertThat(viewer.<String>read("$.data.viewer.role")).isNull();
        assertThat(viewer.<Object>read("$.data.viewer.user")).isNull();
    }

    @Test
    void theDatabase_neverStoresTheSecret() throws SQLException {
        createUser("deploy-bot", "ADMIN");
        String secret = createToken("deploy-bot", "ci", null).read("$.data.createApiToken.secret");
        api.run("access-viewer", Map.of(), secret);

        List<String> stored = columnValues("SELECT * FROM api_token");
        stored.addAll(columnValues("SELECT * FROM audit_record"));

        assertThat(stored).isNotEmpty().noneMatch(value -> value.contains(secret));
    }

    @Test
    void aRevokedToken_isAnswered401WithAMessageAndAWwwAuthenticateHeader() {
        createUser("deploy-bot", "VIEWER");
        Json created = createToken("deploy-bot", "ci", null);
        String secret = created.read("$.data.createApiToken.secret");

        Json revoked = revoke(created.read("$.data.createApiToken.token.id"), admin);

        assertThat(revoked.<String>read("$.data.revokeApiToken.token.revokedAt")).isNotNull();
        assertUnauthorized(api.run("access-viewer", Map.of(), secret), "revoked");
    }

    @Test
    void deactivateUser_makesAllTheUsersTokensAnswer401() {
        createUser("deploy-bot", "RESPONDER");
        String first = createToken("deploy-bot", "one", null).read("$.data.createApiToken.secret");
        String second = createToken("deploy-bot", "two", "VIEWER").read("$.data.createApiToken.secret");

        Json deactivated = api.run("access-deactivateUser", Map.of("input", Map.of("user", "deploy-bot")), admin);

        assertThat(deactivated.<Boolean>read("$.data.deactivateUser.user.active")).isFalse();
        assertUnauthorized(api.run("access-viewer", Map.of(), first), "deactivated");
        assertUnauthorized(api.run("access-viewer", Map.of(), second), "deactivated");
    }

    @Test
    void createApiToken_withARoleAboveTheUsersRole_isAUserErrorAndIssuesNothing() {
        createUser("reader", "VIEWER");

        Json created = createToken("reader", "too much", "ADMIN");

        assertThat(created.<Object>read("$.data.createApiToken.secret")).isNull();
        assertThat(created.<Object>read("$.data.createApiToken.token")).isNull();
        assertThat(created.<List<String>>read("$.data.createApiToken.userErrors[*].field")).containsExactly("role");
        assertThat(created.<List<String>>read("$.data.createApiToken.userErrors[*].code")).containsExactly("INVALID");
        assertThat(api.run("access-users", Map.of(), admin).<List<?>>read("$.data.users[?(@.name == 'reader')].tokens[*]")).isEmpty();
    }

    @Test
    void updateUser_loweringTheRole_capsTheUsersTokensToIt() {
        createUser("ops", "ADMIN");
        String full = createToken("ops", "full", "ADMIN").read("$.data.createApiToken.secret");
        createToken("ops", "read-only", "VIEWER");

        Json updated = api.run("access-updateUser", Map.of("input", Map.of("user", "ops", "role", "RESPONDER")), admin);

        assertThat(updated.<List<?>>read("$.data.updateUser.userErrors")).isEmpty();
        assertThat(updated.<String>read("$.data.updateUser.user.role")).isEqualTo("RESPONDER");
        assertThat(updated.<List<String>>read("$.data.updateUser.user.tokens[?(@.name == 'full')].role")).containsExactly("RESPONDER");
        assertThat(updated.<List<String>>read("$.data.updateUser.user.tokens[?(@.name == 'read-only')].role")).containsExactly("VIEWER");
        assertThat(api.run("access-viewer", Map.of(), full).<String>read("$.data.viewer.role")).isEqualTo("RESPONDER");
        Json refused = api.graphql("mutation { createServiceGroup(input: {name: \"Core\"}) { userErrors { code } } }", Map.of(), full);
        assertThat(refused.<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
    }

    @Test
    void theLastActiveAdmin_cannotBeDemotedOrDeactivated() {
        String name = nameOf(admin);

        Json demoted = api.run("access-updateUser", Map.of("input", Map.of("user", name, "role", "VIEWER")), admin);
        Json deactivated = api.run("access-deactivateUser", Map.of("input", Map.of("user", name)), admin);

        assertThat(demoted.<List<String>>read("$.data.updateUser.userErrors[*].code")).containsExactly("CONFLICT");
        assertThat(deactivated.<List<String>>read("$.data.deactivateUser.userErrors[*].code")).containsExactly("CONFLICT");
        assertThat(domainAccounts.deactivate(Viewer.SYSTEM, name).errors()).extracting(UserError::code)
                .containsExactly(UserErrorCode.CONFLICT);
        assertThat(api.run("access-viewer", Map.of(), admin).<String>read("$.data.viewer.role")).isEqualTo("ADMIN");
        createUser("second-admin", "ADMIN");
        Json demotedOnceAnotherAdminExists = api.run("access-updateUser", Map.of("input", Map.of("user", name, "role", "VIEWER")), admin);
        assertThat(demotedOnceAnotherAdminExists.<String>read("$.data.updateUser.user.role")).isEqualTo("VIEWER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"access-updateUser", "access-deactivateUser"})
    void twoAdminsRemovingEachOtherAtOnce_neverLeaveNoActiveAdmin(String document) throws Exception {
        for (int round = 1; round <= 5; round++) {
            database.clean();
            String first = accounts.tokenFor(Role.ADMIN);
            String second = accounts.tokenFor(Role.ADMIN);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Json> one = removeAdminWhenBothAreReady(document, nameOf(second), first, start);
            CompletableFuture<Json> other = removeAdminWhenBothAreReady(document, nameOf(first), second, start);
            CompletableFuture.allOf(one, other).get(30, TimeUnit.SECONDS);

            assertThat(users.countActiveAdmins()).as("active admins after round %d of concurrent %s", round, document).isEqualTo(1);
        }
    }

    @Test
    void aNonAdmin_mayRevokeTheirOwnTokens_butNotAnotherUsers() {
        createUser("oncall", "RESPONDER");
        String laptop = createToken("oncall", "laptop", null).read("$.data.createApiToken.secret");
        Json phone = createToken("oncall", "phone", null);
        createUser("someone-else", "VIEWER");
        Json others = createToken("someone-else", "cron", null);

        Json ownRevoked = revoke(phone.read("$.data.createApiToken.token.id"), laptop);
        Json otherRefused = revoke(others.read("$.data.createApiToken.token.id"), laptop);

        assertThat(ownRevoked.<String>read("$.data.revokeApiToken.token.revokedAt")).isNotNull();
        assertUnauthorized(api.run("access-viewer", Map.of(), phone.read("$.data.createApiToken.secret")), "revoked");
        assertThat(otherRefused.<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
        Json stillWorks = api.run("access-viewer", Map.of(), others.read("$.data.createApiToken.secret"));
        assertThat(stillWorks.<String>read("$.data.viewer.user.name")).isEqualTo("someone-else");
    }

    @Test
    void basicAuthorization_isAnswered401() {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .header("Authorization", "Basic YWRtaW46c2VjcmV0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ viewer { anonymous } }\"}"))
                .build();

        assertUnauthorized(api.send(request), "Bearer");
    }

    @Test
    void anUnknownBearerToken_isAnswered401() {
        assertUnauthorized(api.run("access-viewer", Map.of(), "opl_not-a-token-anyone-was-given"), "unknown");
    }

    private CompletableFuture<Json> removeAdminWhenBothAreReady(String document, String user, String token, CyclicBarrier start) {
        Map<String, Object> input = document.equals("access-updateUser") ? Map.of("user", user, "role", "VIEWER") : Map.of("user", user);
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return api.run(document, Map.of("input", input), token);
        });
    }

    private void createUser(String name, String role) {
        Json created = api.run("access-createUser", Map.of("input", Map.of("name", name, "role", role)), admin);
        assertThat(created.<List<?>>read("$.data.createUser.userErrors")).as(created.toString()).isEmpty();
    }

    private Json createToken(String user, String name, String role) {
        Map<String, Object> input = new HashMap<>(Map.of("user", user, "name", name));
        if (role != null) {
            input.put("role", role);
        }
        return api.run("access-createApiToken", Map.of("input", input), admin);
    }

    private Json revoke(String tokenId, String token) {
        return api.run("access-revokeApiToken", Map.of("input", Map.of("id", tokenId)), token);
    }

    private static void assertUnauthorized(Json answer, String messagePart) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.errorMessages()).singleElement().asString().containsIgnoringCase(messagePart);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static List<String> columnValues(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    String value = rows.getString(column);
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }
}
