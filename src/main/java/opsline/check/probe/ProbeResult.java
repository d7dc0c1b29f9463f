package opsline.check.probe;

import opsline.check.CheckState;

import java.util.List;

/**
 * A probe's judged result: the flat record every check kind produces.
 *
 * @param outcome    UP, DEGRADED or DOWN for this run alone (thresholds are applied later)
 * @param latencyMs  how long the probe took
 * @param httpStatus HTTP status, when there is one
 * @param message    the result in words: "200 OK", "connection refused", "[BODY].status expected UP, was DOWN"
 * @param conditions each condition and how it fared
 * @param components health components found in an actuator-style body
 */
public record ProbeResult(
        CheckState outcome,
        long latencyMs,
        Integer httpStatus,
        String message,
        List<ConditionResult> conditions,
        List<HealthComponent> components) {

    public ProbeResult {
        message = Observation.storable(message);
    }

    public boolean success() {
        return outcome != CheckState.DOWN;
    }

    public static ProbeResult failure(long latencyMs, String message) {
        return new ProbeResult(CheckState.DOWN, latencyMs, null, message, List.of(), List.of());
    }
}
