package opsline.incident;

/** A role in an incident's response. */
public enum IncidentRole {
    COMMANDER,
    COMMUNICATIONS_LEAD,
    SCRIBE
}
