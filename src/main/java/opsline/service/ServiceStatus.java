package opsline.service;

/**
 * Statuspage's component statuses, declared from best to worst. Maintenance ranks just above
 * operational: planned work should not hide a real outage that a signal reports.
 */
public enum ServiceStatus {
    OPERATIONAL,
    UNDER_MAINTENANCE,
    DEGRADED_PERFORMANCE,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE;

    public ServiceStatus worse(ServiceStatus other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
