package opsline.incident;

/** Where an incident came from. */
public enum IncidentSource {
    MANUAL,
    CHECK,
    INTEGRATION
}
