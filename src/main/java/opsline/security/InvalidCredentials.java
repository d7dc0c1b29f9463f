package opsline.security;

/** A request presented credentials that do not identify an active token: answered with 401. */
public final class InvalidCredentials extends RuntimeException {

    public InvalidCredentials(String message) {
        super(message, null, false, false);
    }
}
