package opsline.check.probe;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One condition as judged.
 *
 * @param detail what was found, for a failed condition the reason in words
 */
@Serdeable
public record ConditionResult(String condition, boolean success, String detail) {

    public ConditionResult {
        detail = Observation.storable(detail);
    }
}
