package opsline.graphql;

/** A query argument out of range, such as {@code first: 0}: reported as a {@code BAD_USER_INPUT} error. */
public final class InvalidArgument extends RuntimeException {

    public InvalidArgument(String message) {
        super(message, null, false, false);
    }
}
