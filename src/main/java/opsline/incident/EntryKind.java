package opsline.incident;

/** What a timeline entry records; the first three are written by people, the rest by Opsline. */
public enum EntryKind {
    STATUS_UPDATE,
    NOTE,
    ACTION,
    STATUS_CHANGE,
    SEVERITY_CHANGE,
    ROLE_CHANGE,
    IMPACT_CHANGE,
    CHECK_TRANSITION,
    ALERT;

    public boolean writtenByPeople() {
        return this == STATUS_UPDATE || this == NOTE || this == ACTION;
    }
}
