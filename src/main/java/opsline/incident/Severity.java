package opsline.incident;

import opsline.service.ServiceStatus;

/** How urgent an incident is. */
public enum Severity {
    P1,
    P2,
    P3,
    P4;

    /** The impact an affected service takes when the declarer does not say. */
    public ServiceStatus defaultImpact() {
        return switch (this) {
            case P1 -> ServiceStatus.MAJOR_OUTAGE;
            case P2 -> ServiceStatus.PARTIAL_OUTAGE;
            case P3, P4 -> ServiceStatus.DEGRADED_PERFORMANCE;
        };
    }
}
