package opsline.audit;

/** How an audited mutation ended. */
public enum AuditOutcome {
    SUCCESS,
    REJECTED,
    DENIED,
    FAILED
}
