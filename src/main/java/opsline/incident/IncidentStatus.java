package opsline.incident;

/** Where an incident stands: investigating, identified, monitoring, resolved (and back, when reopened). */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
