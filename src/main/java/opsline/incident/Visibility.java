package opsline.incident;

/** Who may read an incident or a timeline entry. */
public enum Visibility {
    PUBLIC,
    INTERNAL
}
