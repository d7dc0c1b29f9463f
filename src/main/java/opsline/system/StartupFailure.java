package opsline.system;

/**
 * A reason Opsline cannot start that the operator can fix, told in one line instead of a stack trace.
 */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message);
    }

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prints the failure as one line on standard error and ends the process. */
    public static void exit(RuntimeException failure) {
        if (!(failure instanceof StartupFailure)) {
            throw failure;
        }
        System.err.println("opsline: " + failure.getMessage());
        System.exit(1);
    }
}
