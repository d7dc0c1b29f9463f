package opsline.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** What was learned from an incident, kept with it as JSON. Sections are Markdown. */
@Serdeable
public record Postmortem(
        @Nullable String summary,
        @Nullable String impact,
        @Nullable String rootCause,
        @Nullable String wentWell,
        @Nullable String wentWrong,
        @Nullable Instant updatedAt) {

    public static final Postmortem EMPTY = new Postmortem(null, null, null, null, null, null);
}
