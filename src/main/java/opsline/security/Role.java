package opsline.security;

/** What a viewer may do; each role includes the ones declared before it. */
public enum Role {
    VIEWER,
    RESPONDER,
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of two roles: a token never acts above its user. */
    public Role capTo(Role ceiling) {
        return includes(ceiling) ? ceiling : this;
    }
}
