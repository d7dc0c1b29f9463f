package opsline.check;

/** A check's state, which results move between after its thresholds. */
public enum CheckState {
    UP,
    DEGRADED,
    DOWN,
    PAUSED,
    UNKNOWN;

    /** Worst first: DOWN, DEGRADED, UP; PAUSED and UNKNOWN say nothing about the target. */
    public int severity() {
        return switch (this) {
            case DOWN -> 3;
            case DEGRADED -> 2;
            case UP -> 1;
            case PAUSED, UNKNOWN -> 0;
        };
    }
}
