package opsline.service;

import java.util.List;

/** A service's derived status and the signals it was derived from. */
public record ServiceState(ServiceStatus status, List<StatusSignal> signals) {
}
