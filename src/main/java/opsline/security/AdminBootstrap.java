package opsline.security;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.system.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * Makes sure someone can administer a new installation: the operator's
 * {@code OPSLINE_BOOTSTRAP_ADMIN_TOKEN} becomes an admin token, or, when no admin exists yet, one is
 * created and its token printed once in the log.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ADMIN_NAME = "admin";

    private final BootstrapConfiguration configuration;
    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final Accounts accounts;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public AdminBootstrap(BootstrapConfiguration configuration, UserRepository users, ApiTokenRepository tokens,
                          Accounts accounts, AdvisoryLocks locks, Clock clock) {
        this.configuration = configuration;
        this.users = users;
        this.tokens = tokens;
        this.accounts = accounts;
        this.locks = locks;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ensureAdmin();
    }

    @Transactional
    public void ensureAdmin() {
        locks.lockForTransaction(AdvisoryLocks.Key.ADMIN_BOOTSTRAP);
        if (configuration.hasAdminToken()) {
            adoptConfiguredToken(configuration.adminToken());
        } else if (users.countActiveAdmins() == 0) {
            IssuedToken issued = accounts.issue(activeAdminUser(), "first admin token", Role.ADMIN);
            LOG.warn("Created the admin user '{}'. Its API token, shown only this once: {}", ADMIN_NAME, issued.secret());
        }
        if (configuration.hasAdminPassword()) {
            User admin = adminUser();
            if (!admin.hasPassword()) {
                users.setPasswordHash(admin.id(), PasswordHasher.hash(configuration.adminPassword()));
                LOG.info("OPSLINE_BOOTSTRAP_ADMIN_PASSWORD is now the console password of user '{}'", ADMIN_NAME);
            }
        }
    }

    private void adoptConfiguredToken(String secret) {
        var existing = tokens.findBySecretHash(TokenSecrets.hash(secret));
        if (existing.isEmpty()) {
            accounts.issueWithSecret(adminUser(), "OPSLINE_BOOTSTRAP_ADMIN_TOKEN", Role.ADMIN, secret);
            LOG.info("OPSLINE_BOOTSTRAP_ADMIN_TOKEN is now an admin token of user '{}'", ADMIN_NAME);
        } else if (existing.get().revoked()) {
            LOG.warn("OPSLINE_BOOTSTRAP_ADMIN_TOKEN was revoked and stays revoked; issue a new token instead");
        }
    }

    /** The user 'admin', created, promoted or reactivated as needed: there is no active admin otherwise. */
    private User activeAdminUser() {
        User user = adminUser();
        if (user.role() != Role.ADMIN || !user.active()) {
            users.makeActiveAdmin(user.id());
            LOG.warn("No active admin existed: made user '{}' an active admin again", ADMIN_NAME);
            return users.findById(user.id()).orElseThrow();
        }
        return user;
    }

    private User adminUser() {
        return users.findByName(ADMIN_NAME)
                .orElseGet(() -> users.save(new User(UUID.randomUUID(), ADMIN_NAME, Role.ADMIN, clock.instant(), null, null)));
    }
}
