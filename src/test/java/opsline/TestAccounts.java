package opsline;

import jakarta.inject.Singleton;
import opsline.security.Accounts;
import opsline.security.Role;
import opsline.security.Viewer;

import java.util.UUID;

/** Users and tokens for tests, made the way an admin would make them. */
@Singleton
public class TestAccounts {

    private final Accounts accounts;

    public TestAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    /** A new user with this role who signs in to the console with this password; returns the user's name. */
    public String userWithPassword(Role role, String password) {
        String name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createUser(Viewer.SYSTEM, name, role);
        accounts.setPassword(Viewer.SYSTEM, name, password);
        return name;
    }

    /** A new user with this role and the secret of a token acting with it. */
    public String tokenFor(Role role) {
        String name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createUser(Viewer.SYSTEM, name, role);
        return accounts.issueToken(Viewer.SYSTEM, name, "test token", role).value().secret();
    }
}
