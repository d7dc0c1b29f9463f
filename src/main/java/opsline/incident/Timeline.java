package opsline.incident;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Incident timelines: entries people write (status updates for the public, notes and actions for the
 * responders) and entries Opsline writes when something changes. Edits carry the version their editor
 * saw; a stale one is a conflict, never a silent overwrite. Every earlier version is kept.
 */
@Singleton
public class Timeline {

    public static final String ENTRY_ADDED = "incident.timeline_entry_added";
    private static final int MAX_BODY = 20_000;
    /** Clocks disagree a little; "occurred at" may be this far in the future. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final TimelineRepository entries;
    private final TimelineEditRepository edits;
    private final IncidentRepository incidents;
    private final Events events;
    private final Clock clock;

    public Timeline(TimelineRepository entries, TimelineEditRepository edits, IncidentRepository incidents, Events events, Clock clock) {
        this.entries = entries;
        this.edits = edits;
        this.incidents = incidents;
        this.events = events;
        this.clock = clock;
    }

    /** The entries a viewer may read, newest first: anonymous viewers get public ones only. */
    public List<TimelineEntry> of(Viewer viewer, Incident incident) {
        return entries.of(incident.id(), viewer.seesInternal());
    }

    public Optional<TimelineEntry> find(Viewer viewer, String id) {
        return IncidentNumbers.uuid(id).flatMap(entries::findById)
                .filter(entry -> viewer.seesInternal() || entry.visibility() == Visibility.PUBLIC)
                .filter(entry -> incidents.findById(entry.incidentId()).map(i -> viewer.seesInternal() || i.visibility() == Visibility.PUBLIC).orElse(false));
    }

    @Transactional
    public Outcome<TimelineEntry> add(Viewer viewer, Incident incident, EntryKind kind, String body, Visibility visibility, Instant occurredAt) {
        viewer.require(Role.RESPONDER);
        Problems problems = new Problems().text("body", body, MAX_BODY);
        if (kind == null || !kind.writtenByPeople()) {
            problems.add("kind", "People write STATUS_UPDATE, NOTE or ACTION entries; Opsline writes the others.", UserErrorCode.INVALID);
        }
        Instant now = clock.instant();
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            problems.add("occurredAt", "An entry cannot have happened in the future.", UserErrorCode.INVALID);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        Visibility chosen = visibility != null ? visibility : kind == EntryKind.STATUS_UPDATE ? Visibility.PUBLIC : Visibility.INTERNAL;
        IncidentStatus status = kind == EntryKind.STATUS_UPDATE ? incident.status() : null;
        return Outcome.ok(write(incident, kind, body.trim(), chosen, status, viewer.name(), occurredAt == null ? now : occurredAt, null));
    }

    /** Writes an entry Opsline makes itself, inside the caller's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public TimelineEntry system(Incident incident, EntryKind kind, String body, Visibility visibility, IncidentStatus status,
                                String author, Instant occurredAt) {
        return write(incident, kind, body, visibility, status, author, occurredAt, null);
    }

    /**
     * Writes an entry from outside at most once per {@code sourceKey}: a redelivered alert or transition adds
     * nothing. Returns whether it was written.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean fromSource(Incident incident, EntryKind kind, String body, Visibility visibility, String author,
                              Instant occurredAt, String sourceKey) {
        if (entries.hasSourceKey(incident.id(), sourceKey)) {
            return false;
        }
        write(incident, kind, body, visibility, null, author, occurredAt, sourceKey);
        return true;
    }

    @Transactional
    public Outcome<TimelineEntry> edit(Viewer viewer, String id, int expectedVersion, String body, Instant occurredAt) {
        viewer.require(Role.RESPONDER);
        Optional<TimelineEntry> found = IncidentNumbers.uuid(id).flatMap(entries::findById);
        if (found.isEmpty()) {
            return unknown(id);
        }
        TimelineEntry entry = found.get();
        Problems problems = new Problems().optionalText("body", body, MAX_BODY);
        if (body != null && body.isBlank()) {
            problems.add("body", "Body is required.", UserErrorCode.REQUIRED);
        }
        if (!entry.kind().writtenByPeople()) {
            problems.add("id", "Entries Opsline wrote cannot be edited; add a note instead.", UserErrorCode.INVALID);
        }
        if (occurredAt != null && occurredAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            problems.add("occurredAt", "An entry cannot have happened in the future.", UserErrorCode.INVALID);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        Instant now = clock.instant();
        String newBody = body == null ? entry.body() : body.trim();
        Instant newOccurredAt = occurredAt == null ? entry.occurredAt() : occurredAt;
        if (entries.editIfAt(entry.id(), expectedVersion, newBody, newOccurredAt, now) == 0) {
            return conflict(entry, expectedVersion);
        }
        edits.save(new TimelineEdit(null, entry.id(), entry.version(), entry.body(), entry.occurredAt(), viewer.name(), now));
        return Outcome.ok(entries.findById(entry.id()).orElseThrow());
    }

    @Transactional
    public Outcome<TimelineEntry> redact(Viewer viewer, String id, Integer expectedVersion) {
        viewer.require(Role.RESPONDER);
        Optional<TimelineEntry> found = IncidentNumbers.uuid(id).flatMap(entries::findById);
        if (found.isEmpty()) {
            return unknown(id);
        }
        TimelineEntry entry = found.get();
        int version = expectedVersion == null ? entry.version() : expectedVersion;
        Instant now = clock.instant();
        if (entries.redactIfAt(entry.id(), version, viewer.name(), now) == 0) {
            return conflict(entry, version);
        }
        edits.eraseBodies(entry.id());
        // The redaction is a version too: who made it and when, without the text it removed.
        edits.save(new TimelineEdit(null, entry.id(), entry.version(), "", entry.occurredAt(), viewer.name(), now));
        events.publish("incident.timeline_entry_redacted", entry.incidentId().toString(), Map.of("entryId", entry.id().toString()));
        return Outcome.ok(entries.findById(entry.id()).orElseThrow());
    }

    public List<TimelineEdit> editsOf(List<UUID> entryIds) {
        return entryIds.isEmpty() ? List.of() : edits.of(entryIds);
    }

    /** The latest public updates of public incidents, for everyone. */
    public List<TimelineEntry> latestPublicUpdatesEverywhere(int limit) {
        return entries.latestPublicUpdatesEverywhere(limit);
    }

    public List<TimelineEntry> latestPublicUpdates(List<UUID> incidentIds) {
        return incidentIds.isEmpty() ? List.of() : entries.latestPublicUpdates(incidentIds);
    }

    private TimelineEntry write(Incident incident, EntryKind kind, String body, Visibility visibility, IncidentStatus status,
                                String author, Instant occurredAt, String sourceKey) {
        Instant now = clock.instant();
        // An entry of an internal incident is internal whatever it says.
        Visibility effective = incident.visibility() == Visibility.INTERNAL ? Visibility.INTERNAL : visibility;
        TimelineEntry entry = entries.save(new TimelineEntry(UUID.randomUUID(), incident.id(), kind, body, effective, status, author,
                occurredAt, now, now, 1, null, null, sourceKey));
        events.publish(ENTRY_ADDED, incident.id().toString(), Map.of("entryId", entry.id().toString(), "number", incident.number()));
        return entry;
    }

    private static <T> Outcome<T> conflict(TimelineEntry current, int expectedVersion) {
        String why = current.redacted()
                ? "This entry was redacted by " + current.redactedBy() + " and can no longer change."
                : "Someone changed this entry since you saw it (you saw version " + expectedVersion + ", it is now at version "
                  + current.version() + "). Compare, then edit again.";
        return Outcome.rejected("expectedVersion", why, UserErrorCode.CONFLICT);
    }

    private static <T> Outcome<T> unknown(String id) {
        return Outcome.rejected("id", "No timeline entry has the id '" + id + "'.", UserErrorCode.NOT_FOUND);
    }
}
