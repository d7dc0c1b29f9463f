package opsline.check;

import java.time.Instant;

/**
 * A feature that acts on checks changing state, inside the transaction that records the change (so it
 * happens exactly once, on whichever instance ran the check). Incidents are one.
 */
public interface CheckTransitionListener {

    void onTransition(Check check, CheckState from, CheckState to, String reason, Instant at);
}
