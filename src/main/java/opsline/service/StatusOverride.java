package opsline.service;

import java.time.Instant;

/** A status set by hand, in force until cleared. */
public record StatusOverride(ServiceStatus status, String reason, String setBy, Instant setAt) {
}
