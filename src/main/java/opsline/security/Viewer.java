package opsline.security;

import java.util.UUID;

/**
 * Who a request acts for: anonymous, a user through one of their API tokens, or Opsline itself
 * (start-up work such as the demo catalog).
 *
 * @param userId  the user, null for anonymous and system viewers
 * @param name    the user's name, {@code anonymous} or {@code system}
 * @param role    the role this request acts with, null for anonymous viewers
 * @param tokenId the token presented, null unless a token was
 */
public record Viewer(UUID userId, String name, Role role, UUID tokenId) {

    public static final Viewer ANONYMOUS = new Viewer(null, "anonymous", null, null);
    public static final Viewer SYSTEM = new Viewer(null, "system", Role.ADMIN, null);

    public boolean isAnonymous() {
        return role == null;
    }

    public boolean has(Role required) {
        return role != null && role.includes(required);
    }

    /** Non-public services and internal data are for signed-in viewers only. */
    public boolean seesInternal() {
        return has(Role.VIEWER);
    }

    /** Refuses the operation unless this viewer holds {@code required}. */
    public void require(Role required) {
        if (isAnonymous()) {
            throw new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED,
                    "Authentication required: send an API token with the " + required
                            + " role as 'Authorization: Bearer <token>'.");
        }
        if (!has(required)) {
            throw new AccessDenied(AccessDenied.Reason.FORBIDDEN,
                    "This needs the " + required + " role; your token acts as " + role + ".");
        }
    }
}
