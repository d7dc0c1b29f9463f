package opsline.check.schedule;

import opsline.check.Check;
import opsline.check.CheckState;

import java.time.Instant;

/**
 * Moves a check between states by its thresholds: DOWN after {@code failureThreshold} failures in a
 * row, back up after {@code successThreshold} successes in a row, DEGRADED as soon as a successful run
 * says so. A paused check records results but stays PAUSED.
 */
final class CheckStateMachine {

    private CheckStateMachine() {
    }

    /**
     * @param state    the state after the result
     * @param since    when the check entered that state
     * @param previous the state before the result
     */
    record Step(CheckState state, Instant since, int failures, int successes, CheckState previous) {

        boolean changed() {
            return state != previous;
        }
    }

    static Step apply(Check check, CheckState outcome, Instant at) {
        boolean failed = outcome == CheckState.DOWN;
        int failures = failed ? check.consecutiveFailures() + 1 : 0;
        int successes = failed ? 0 : check.consecutiveSuccesses() + 1;
        CheckState next = next(check, outcome, failures, successes);
        Instant since = next == check.state() ? check.stateSince() : at;
        return new Step(next, since, failures, successes, check.state());
    }

    private static CheckState next(Check check, CheckState outcome, int failures, int successes) {
        CheckState current = check.state();
        if (current == CheckState.PAUSED) {
            return CheckState.PAUSED;
        }
        if (outcome == CheckState.DOWN) {
            return failures >= check.failureThreshold() ? CheckState.DOWN : current;
        }
        if (current == CheckState.DOWN && successes < check.successThreshold()) {
            return CheckState.DOWN;
        }
        return outcome;
    }
}
