package opsline.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import opsline.ApiTest;
import opsline.Json;
import opsline.system.AdvisoryLocks;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application here runs with a configured bootstrap token. The tests without one run a second
 * {@link AdminBootstrap}, built from the same beans with an empty configuration.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.bootstrap.admin-token", value = AdminBootstrapTest.CONFIGURED_TOKEN)
class AdminBootstrapTest extends ApiTest {

    static final String CONFIGURED_TOKEN = "bootstrap-0123456789-abcdefghij-ABCDEFGH";

    @Inject
    AdminBootstrap bootstrap;
    @Inject
    UserRepository users;
    @Inject
    ApiTokenRepository tokens;
    @Inject
    Accounts accountService;
    @Inject
    AdvisoryLocks locks;
    @Inject
    Clock clock;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void theConfiguredToken_isAnAdminBearerToken() {
        assertThat(CONFIGURED_TOKEN).hasSize(40);

        bootstrap.ensureAdmin();

        Json viewer = api.run("access-viewer", Map.of(), CONFIGURED_TOKEN);
        assertThat(viewer.<String>read("$.data.viewer.role")).isEqualTo("ADMIN");
        assertThat(viewer.<String>read("$.data.viewer.user.name")).isEqualTo("admin");
        Json listed = api.run("access-users", Map.of(), CONFIGURED_TOKEN);
        assertThat(listed.<List<String>>read("$.data.users[*].name")).containsExactly("admin");
        assertThat(listed.<List<String>>read("$.data.users[0].tokens[*].role")).containsExactly("ADMIN");
    }

    @Test
    void ensureAdmin_again_withTheConfiguredToken_createsNoSecondTokenOrUser() {
        bootstrap.ensureAdmin();

        bootstrap.ensureAdmin();
        bootstrap.ensureAdmin();

        assertThat(users.count()).isEqualTo(1);
        assertThat(tokens.count()).isEqualTo(1);
        assertThat(api.run("access-viewer", Map.of(), CONFIGURED_TOKEN).<String>read("$.data.viewer.role")).isEqualTo("ADMIN");
    }

    @Test
    void aRevokedConfiguredToken_staysRevoked() {
        bootstrap.ensureAdmin();
        String id = tokens.findAll().iterator().next().id().toString();
        String otherAdmin = accounts.tokenFor(Role.ADMIN);
        Json revoked = api.run("access-revokeApiToken", Map.of("input", Map.of("id", id)), otherAdmin);
        assertThat(revoked.<String>read("$.data.revokeApiToken.token.revokedAt")).isNotNull();

        bootstrap.ensureAdmin();

        assertThat(api.run("access-viewer", Map.of(), CONFIGURED_TOKEN).status()).isEqualTo(401);
        assertThat(tokens.count()).isEqualTo(2);
    }

    @Test
    void withoutAConfiguredToken_andNoActiveAdmin_createsOneAdminUserWithOneToken() {
        ensureAdminWithoutConfiguredToken();

        List<User> created = users.listInNameOrder();
        assertThat(created).singleElement().satisfies(user -> {
            assertThat(user.role()).isEqualTo(Role.ADMIN);
            assertThat(user.active()).isTrue();
        });
        List<ApiToken> issued = tokens.findByUserIds(List.of(created.get(0).id()));
        assertThat(issued).singleElement().satisfies(token -> {
            assertThat(token.role()).isEqualTo(Role.ADMIN);
            assertThat(token.revoked()).isFalse();
        });
        assertThat(api.run("access-viewer", Map.of(), CONFIGURED_TOKEN).status()).isEqualTo(401);
    }

    @Test
    void withoutAConfiguredToken_ensureAdminAgain_createsNothingMore() {
        ensureAdminWithoutConfiguredToken();

        ensureAdminWithoutConfiguredToken();
        ensureAdminWithoutConfiguredToken();

        assertThat(users.count()).isEqualTo(1);
        assertThat(tokens.count()).isEqualTo(1);
    }

    @Test
    void withoutAConfiguredToken_andAnActiveAdmin_createsNothing() {
        accounts.tokenFor(Role.ADMIN);

        ensureAdminWithoutConfiguredToken();

        assertThat(users.count()).isEqualTo(1);
        assertThat(tokens.count()).isEqualTo(1);
        assertThat(users.findByName("admin")).isEmpty();
    }

    @Test
    void withoutAConfiguredToken_andNoActiveAdmin_butAUserNamedAdminWithALowerRole_stillLeavesAnActiveAdminWithAToken() {
        accountService.createUser(Viewer.SYSTEM, "admin", Role.VIEWER);

        ensureAdminWithoutConfiguredToken();

        assertThat(users.countActiveAdmins()).as("active admins after ensureAdmin").isEqualTo(1);
        User admin = users.listInNameOrder().stream().filter(user -> user.active() && user.role() == Role.ADMIN).findFirst().orElseThrow();
        assertThat(tokens.findByUserIds(List.of(admin.id()))).singleElement()
                .satisfies(token -> assertThat(token.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void aConfiguredPassword_becomesTheAdminsConsolePassword_butNeverReplacesOneSetSince() {
        ensureAdminWith(new BootstrapConfiguration(CONFIGURED_TOKEN, "first-console-passphrase"));

        assertThat(accountService.signIn("admin", "first-console-passphrase")).map(User::name).contains("admin");
        assertThat(accountService.signIn("admin", "first-console-passphrase-typo")).isEmpty();

        Json changed = api.graphql("mutation { setUserPassword(input: {user: \"admin\", password: \"changed-by-the-admin\"}) "
                + "{ userErrors { message } } }", Map.of(), CONFIGURED_TOKEN);
        assertThat(changed.<List<?>>read("$.data.setUserPassword.userErrors")).isEmpty();
        ensureAdminWith(new BootstrapConfiguration(CONFIGURED_TOKEN, "first-console-passphrase"));

        assertThat(accountService.signIn("admin", "changed-by-the-admin")).isPresent();
        assertThat(accountService.signIn("admin", "first-console-passphrase")).as("a restart keeps the changed password").isEmpty();
    }

    /**
     * Runs ensureAdmin as the application does when OPSLINE_BOOTSTRAP_ADMIN_TOKEN is unset. Built by hand,
     * the bootstrap has no transaction advice, so this gives it the transaction its annotation asks for.
     */
    private void ensureAdminWithoutConfiguredToken() {
        ensureAdminWith(new BootstrapConfiguration(null, null));
    }

    private void ensureAdminWith(BootstrapConfiguration configuration) {
        AdminBootstrap configured = new AdminBootstrap(configuration, users, tokens, accountService, locks, clock);
        transactions.executeWrite(status -> {
            configured.ensureAdmin();
            return null;
        });
    }
}
