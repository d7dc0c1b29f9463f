package opsline.security;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users and their API tokens: who can act on Opsline, and with which role. */
@Singleton
public class Accounts {

    private static final int MAX_NAME = 100;
    private static final int MIN_PASSWORD = 12;
    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash("no user has this password");

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    public Accounts(UserRepository users, ApiTokenRepository tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    public List<User> users(Viewer viewer) {
        viewer.require(Role.ADMIN);
        return users.listInNameOrder();
    }

    /** The viewer's own user, or none for anonymous and system viewers. */
    public Optional<User> self(Viewer viewer) {
        return viewer.userId() == null ? Optional.empty() : users.findById(viewer.userId());
    }

    /** The active user with this name, for assigning work to people. */
    public Optional<User> activeUserNamed(String name) {
        return users.findByName(name).filter(User::active);
    }

    public List<User> usersById(Collection<UUID> ids) {
        return users.findByIdIn(ids);
    }

    public List<ApiToken> tokensOf(Collection<UUID> userIds) {
        return tokens.findByUserIds(userIds);
    }

    @Transactional
    public Outcome<User> createUser(Viewer viewer, String name, Role role) {
        viewer.require(Role.ADMIN);
        Problems problems = new Problems().text("name", name, MAX_NAME);
        if (problems.any()) {
            return problems.rejection();
        }
        if (users.findByName(name.trim()).isPresent()) {
            return Outcome.rejected("name", "A user named '" + name.trim() + "' already exists.", UserErrorCode.TAKEN);
        }
        return Outcome.ok(users.save(new User(UUID.randomUUID(), name.trim(), role, clock.instant(), null, null)));
    }

    @Transactional
    public Outcome<User> changeRole(Viewer viewer, String name, Role role) {
        viewer.require(Role.ADMIN);
        Optional<User> found = users.findByName(name);
        if (found.isEmpty()) {
            return unknownUser(name);
        }
        User user = found.get();
        if (user.role() == Role.ADMIN && role != Role.ADMIN && user.active() && users.lockActiveAdmins() == 1) {
            return Outcome.rejected("role", "'" + user.name() + "' is the last active admin; make another admin first.",
                    UserErrorCode.CONFLICT);
        }
        users.updateRole(user.id(), role);
        tokens.capRole(user.id(), role.name());
        return Outcome.ok(users.findById(user.id()).orElseThrow());
    }

    @Transactional
    public Outcome<User> deactivate(Viewer viewer, String name) {
        viewer.require(Role.ADMIN);
        Optional<User> found = users.findByName(name);
        if (found.isEmpty()) {
            return unknownUser(name);
        }
        User user = found.get();
        if (user.id().equals(viewer.userId())) {
            return Outcome.rejected("user", "You cannot deactivate yourself.", UserErrorCode.CONFLICT);
        }
        if (user.role() == Role.ADMIN && user.active() && users.lockActiveAdmins() == 1) {
            return Outcome.rejected("user", "'" + user.name() + "' is the last active admin.", UserErrorCode.CONFLICT);
        }
        users.deactivate(user.id(), clock.instant());
        return Outcome.ok(users.findById(user.id()).orElseThrow());
    }

    /** Sets a user's console password: admins for anyone, anyone for themself. */
    @Transactional
    public Outcome<User> setPassword(Viewer viewer, String name, String password) {
        Optional<User> user = users.findByName(name == null ? "" : name);
        boolean self = user.isPresent() && user.get().id().equals(viewer.userId());
        if (!self) {
            viewer.require(Role.ADMIN);
        }
        if (user.isEmpty()) {
            return unknownUser(name);
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            return Outcome.rejected("password", "A password needs at least " + MIN_PASSWORD + " characters.", UserErrorCode.INVALID);
        }
        if (password.length() > 1000) {
            return Outcome.rejected("password", "A password can have at most 1000 characters.", UserErrorCode.INVALID);
        }
        users.setPasswordHash(user.get().id(), PasswordHasher.hash(password));
        return Outcome.ok(users.findById(user.get().id()).orElseThrow());
    }

    /** The active user with this name and password, for console sign-in. */
    public Optional<User> signIn(String name, String password) {
        Optional<User> user = users.findByName(name == null ? "" : name.trim()).filter(User::active);
        // Hash even for an unknown name, so the answer's timing does not tell which names exist.
        String stored = user.map(User::passwordHash).orElse(UNKNOWN_USER_HASH);
        boolean matches = PasswordHasher.matches(password, stored);
        return matches && user.isPresent() ? user : Optional.empty();
    }

    @Transactional
    public Outcome<IssuedToken> issueToken(Viewer viewer, String userName, String tokenName, Role role) {
        viewer.require(Role.ADMIN);
        Problems problems = new Problems().text("name", tokenName, MAX_NAME);
        Optional<User> user = users.findByName(userName);
        if (user.isEmpty()) {
            problems.add("user", "No user is named '" + userName + "'.", UserErrorCode.NOT_FOUND);
        } else if (!user.get().active()) {
            problems.add("user", "'" + user.get().name() + "' is deactivated.", UserErrorCode.CONFLICT);
        } else if (role != null && !user.get().role().includes(role)) {
            problems.add("role", "A token cannot act above its user's role (" + user.get().role() + ").",
                    UserErrorCode.INVALID);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        return Outcome.ok(issue(user.get(), tokenName.trim(), role == null ? user.get().role() : role));
    }

    @Transactional
    public Outcome<ApiToken> revokeToken(Viewer viewer, String id) {
        Optional<ApiToken> token = parseId(id).flatMap(tokens::findById);
        boolean own = token.isPresent() && token.get().userId().equals(viewer.userId());
        if (!own) {
            viewer.require(Role.ADMIN);
        }
        if (token.isEmpty()) {
            return Outcome.rejected("id", "No API token has the id '" + id + "'.", UserErrorCode.NOT_FOUND);
        }
        tokens.revoke(token.get().id(), clock.instant());
        return Outcome.ok(tokens.findById(token.get().id()).orElseThrow());
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Issues a token without a viewer check: for start-up work that runs before anyone can sign in. */
    IssuedToken issue(User user, String tokenName, Role role) {
        return issueWithSecret(user, tokenName, role, TokenSecrets.newSecret());
    }

    IssuedToken issueWithSecret(User user, String tokenName, Role role, String secret) {
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(UUID.randomUUID(), user.id(), tokenName, role,
                TokenSecrets.hash(secret), TokenSecrets.hint(secret), now, null, null));
        return new IssuedToken(token, secret);
    }

    private static <T> Outcome<T> unknownUser(String name) {
        return Outcome.rejected("user", "No user is named '" + name + "'.", UserErrorCode.NOT_FOUND);
    }
}
