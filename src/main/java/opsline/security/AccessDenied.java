package opsline.security;

/** Thrown when a viewer attempts what their role does not allow. The API reports it as an error. */
public final class AccessDenied extends RuntimeException {

    /** Why access was denied, as the error's {@code extensions.code}. */
    public enum Reason {
        UNAUTHENTICATED,
        FORBIDDEN
    }

    private final Reason reason;

    public AccessDenied(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
