package opsline.statuspage;

import opsline.service.ServiceStatus;

import java.util.Collection;

/**
 * The overall state at the top of the status page, in Atlassian Statuspage's indicator and words.
 */
public record StatusSummary(ServiceStatus status, Indicator indicator, String description) {

    /** Statuspage's overall indicator. */
    public enum Indicator {
        NONE,
        MINOR,
        MAJOR,
        CRITICAL,
        MAINTENANCE
    }

    /** The summary of these statuses: the worst of them decides. */
    public static StatusSummary of(Collection<ServiceStatus> statuses) {
        ServiceStatus worst = statuses.stream().reduce(ServiceStatus.OPERATIONAL, ServiceStatus::worse);
        return switch (worst) {
            case OPERATIONAL -> new StatusSummary(worst, Indicator.NONE, "All Systems Operational");
            case UNDER_MAINTENANCE -> new StatusSummary(worst, Indicator.MAINTENANCE, "Service Under Maintenance");
            case DEGRADED_PERFORMANCE -> new StatusSummary(worst, Indicator.MINOR, "Minor Service Outage");
            case PARTIAL_OUTAGE -> new StatusSummary(worst, Indicator.MAJOR, "Partial System Outage");
            case MAJOR_OUTAGE -> new StatusSummary(worst, Indicator.CRITICAL, "Major System Outage");
        };
    }
}
