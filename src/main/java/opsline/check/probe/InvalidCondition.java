package opsline.check.probe;

/** A condition that does not parse: a configuration mistake, reported when the check is saved. */
public final class InvalidCondition extends Exception {

    public InvalidCondition(String message) {
        super(message, null, false, false);
    }
}
