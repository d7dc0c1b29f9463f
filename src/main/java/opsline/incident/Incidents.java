package opsline.incident;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;
import opsline.security.Accounts;
import opsline.security.Role;
import opsline.security.User;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import opsline.service.ServiceStatus;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The incident lifecycle: declare, acknowledge, change, move through INVESTIGATING → IDENTIFIED →
 * MONITORING → RESOLVED (and reopen), assign roles. Every change is written to the timeline in the same
 * transaction, and its times (acknowledged, mitigated, resolved) are what MTTA and MTTR are made of.
 */
@Singleton
public class Incidents {

    public static final String CHANGED = "incident.changed";
    private static final int MAX_TITLE = 200;

    private final IncidentRepository incidents;
    private final Timeline timeline;
    private final ServiceCatalog services;
    private final Accounts accounts;
    private final Events events;
    private final Clock clock;

    public Incidents(IncidentRepository incidents, Timeline timeline, ServiceCatalog services, Accounts accounts, Events events, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.services = services;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** The incident, if the viewer may see it: anonymous viewers see public incidents only. */
    public Optional<Incident> find(Viewer viewer, String number) {
        return IncidentNumbers.parse(number).flatMap(incidents::findByNumber).filter(incident -> visibleTo(viewer, incident));
    }

    public static boolean visibleTo(Viewer viewer, Incident incident) {
        return viewer.seesInternal() || incident.visibility() == Visibility.PUBLIC;
    }

    @Transactional
    public Outcome<Incident> declare(Viewer viewer, IncidentDraft draft) {
        viewer.require(Role.RESPONDER);
        Problems problems = new Problems().text("title", draft.title(), MAX_TITLE).optionalText("message", draft.message(), 20_000);
        if (draft.severity() == null) {
            problems.add("severity", "Severity is required: P1 to P4.", UserErrorCode.REQUIRED);
        }
        Instant now = clock.instant();
        if (draft.startedAt() != null && draft.startedAt().isAfter(now)) {
            problems.add("startedAt", "An incident cannot start in the future.", UserErrorCode.INVALID);
        }
        Map<UUID, ServiceStatus> affected = resolveAffected(viewer, draft.affected(), draft.severity(), "services", problems);
        if (problems.any()) {
            return problems.rejection();
        }
        Incident incident = open(viewer.name(), draft.title().trim(), draft.severity(),
                draft.visibility() == null ? Visibility.PUBLIC : draft.visibility(), IncidentSource.MANUAL, null, null,
                draft.startedAt(), affected);
        now = incident.declaredAt();
        if (viewer.userId() != null) {
            incidents.assignRole(incident.id(), IncidentRole.COMMANDER.name(), viewer.name(), now);
        }
        if (draft.message() != null && !draft.message().isBlank()) {
            timeline.system(incident, EntryKind.STATUS_UPDATE, draft.message().trim(), Visibility.PUBLIC, incident.status(), viewer.name(), now);
        }
        return Outcome.ok(incident);
    }

    /**
     * Opens an incident and writes its first entry; for people, checks and integrations alike. A null
     * {@code startedAt} means the declaration time.
     */
    @Transactional
    public Incident open(String declaredBy, String title, Severity severity, Visibility visibility, IncidentSource source,
                         String sourceKey, UUID autoServiceId, Instant startedAt, Map<UUID, ServiceStatus> affected) {
        Instant now = clock.instant();
        Incident incident = incidents.save(new Incident(UUID.randomUUID(), null, title, severity, IncidentStatus.INVESTIGATING,
                visibility, source, sourceKey, autoServiceId, declaredBy, startedAt == null ? now : startedAt, now, null, null, null,
                Postmortem.EMPTY, now, now));
        incident = incidents.findById(incident.id()).orElseThrow();
        for (Map.Entry<UUID, ServiceStatus> service : affected.entrySet()) {
            incidents.addAffectedService(incident.id(), service.getKey(), service.getValue().name());
        }
        timeline.system(incident, EntryKind.STATUS_CHANGE, "Declared " + severity + " by " + declaredBy + ", investigating.",
                Visibility.INTERNAL, null, declaredBy, now);
        changed(incident);
        return incident;
    }

    @Transactional
    public Outcome<Incident> acknowledge(Viewer viewer, String number) {
        viewer.require(Role.RESPONDER);
        return withIncident(viewer, number, incident -> {
            if (incident.acknowledgedAt() != null) {
                return Outcome.ok(incident);
            }
            Incident acknowledged = acknowledged(incident, viewer);
            return Outcome.ok(acknowledged);
        });
    }

    /** Moves the incident to {@code status}; a message goes to the public as a status update. */
    @Transactional
    public Outcome<Incident> changeStatus(Viewer viewer, String number, IncidentStatus status, String message) {
        viewer.require(Role.RESPONDER);
        return withIncident(viewer, number, incident -> {
            Problems problems = new Problems().optionalText("message", message, 20_000);
            if (status == null) {
                problems.add("status", "Status is required.", UserErrorCode.REQUIRED);
            } else if (incident.status() == IncidentStatus.RESOLVED && status != IncidentStatus.RESOLVED) {
                problems.add("status", incident.label() + " is resolved; reopen it first.", UserErrorCode.CONFLICT);
            }
            if (problems.any()) {
                return problems.rejection();
            }
            return Outcome.ok(moveTo(incident, status, message, viewer.name(), true));
        });
    }

    @Transactional
    public Outcome<Incident> reopen(Viewer viewer, String number, String message) {
        viewer.require(Role.RESPONDER);
        return withIncident(viewer, number, incident -> {
            if (incident.status() != IncidentStatus.RESOLVED) {
                return Outcome.rejected("number", incident.label() + " is still open.", UserErrorCode.CONFLICT);
            }
            Instant now = clock.instant();
            Incident reopened = incidents.update(withStatus(incident, IncidentStatus.INVESTIGATING, incident.acknowledgedAt(),
                    incident.mitigatedAt(), null, now));
            timeline.system(reopened, EntryKind.STATUS_CHANGE, "Reopened by " + viewer.name() + (blank(message) ? "." : ": " + message.trim()),
                    Visibility.INTERNAL, null, viewer.name(), now);
            changed(reopened);
            return Outcome.ok(reopened);
        });
    }

    @Transactional
    public Outcome<Incident> assignRole(Viewer viewer, String number, IncidentRole role, String assignee) {
        viewer.require(Role.RESPONDER);
        return withIncident(viewer, number, incident -> {
            Optional<User> user = accounts.activeUserNamed(assignee == null ? "" : assignee);
            if (user.isEmpty()) {
                return Outcome.rejected("assignee", "No active user is named '" + assignee + "'.", UserErrorCode.NOT_FOUND);
            }
            Instant now = clock.instant();
            incidents.assignRole(incident.id(), role.name(), user.get().name(), now);
            timeline.system(incident, EntryKind.ROLE_CHANGE, user.get().name() + " is " + words(role) + " (assigned by " + viewer.name() + ").",
                    Visibility.INTERNAL, null, viewer.name(), now);
            changed(incident);
            return Outcome.ok(incident);
        });
    }

    /**
     * Changes title, severity, visibility, start or affected services (each a null to keep); the timeline
     * says what changed.
     */
    @Transactional
    public Outcome<Incident> update(Viewer viewer, String number, IncidentChanges changes) {
        viewer.require(Role.RESPONDER);
        return withIncident(viewer, number, incident -> {
            Problems problems = new Problems();
            if (changes.title() != null) {
                problems.text("title", changes.title(), MAX_TITLE);
            }
            if (changes.startedAt() != null && changes.startedAt().isAfter(clock.instant())) {
                problems.add("startedAt", "An incident cannot start in the future.", UserErrorCode.INVALID);
            }
            Severity severity = changes.severity() == null ? incident.severity() : changes.severity();
            Map<UUID, ServiceStatus> affected = changes.affected() == null ? null
                    : resolveAffected(viewer, changes.affected(), severity, "affectedServices", problems);
            if (problems.any()) {
                return problems.rejection();
            }
            return Outcome.ok(apply(viewer, incident, changes, severity, affected));
        });
    }

    private Incident apply(Viewer viewer, Incident incident, IncidentChanges changes, Severity severity, Map<UUID, ServiceStatus> affected) {
        Instant now = clock.instant();
        List<String> said = new ArrayList<>();
        if (severity != incident.severity()) {
            timeline.system(incident, EntryKind.SEVERITY_CHANGE, "Severity " + incident.severity() + " → " + severity + " by " + viewer.name()
                    + (blank(changes.message()) ? "." : ": " + changes.message().trim()), Visibility.INTERNAL, null, viewer.name(), now);
        }
        if (changes.title() != null && !changes.title().trim().equals(incident.title())) {
            said.add("title “" + changes.title().trim() + "”");
        }
        if (changes.visibility() != null && changes.visibility() != incident.visibility()) {
            said.add("visibility " + changes.visibility());
        }
        if (changes.startedAt() != null && !changes.startedAt().equals(incident.startedAt())) {
            // The start is what MTTA, MTTR and the response targets count from: moving it is on the record.
            said.add("start " + incident.startedAt() + " → " + changes.startedAt());
        }
        if (affected != null) {
            incidents.clearAffectedServices(incident.id());
            affected.forEach((serviceId, impact) -> incidents.addAffectedService(incident.id(), serviceId, impact.name()));
            timeline.system(incident, EntryKind.IMPACT_CHANGE, "Affected services now: " + describe(affected) + " (by " + viewer.name() + ").",
                    Visibility.INTERNAL, null, viewer.name(), now);
        }
        if (!said.isEmpty()) {
            timeline.system(incident, EntryKind.NOTE, "Changed " + String.join(", ", said) + " (by " + viewer.name() + ").",
                    Visibility.INTERNAL, null, viewer.name(), now);
        }
        Incident changed = incidents.update(new Incident(incident.id(), incident.number(),
                changes.title() == null ? incident.title() : changes.title().trim(), severity, incident.status(),
                changes.visibility() == null ? incident.visibility() : changes.visibility(), incident.source(), incident.sourceKey(),
                incident.autoServiceId(), incident.declaredBy(), changes.startedAt() == null ? incident.startedAt() : changes.startedAt(),
                incident.declaredAt(), incident.acknowledgedAt(), incident.mitigatedAt(), incident.resolvedAt(), incident.postmortem(),
                incident.createdAt(), now));
        changed(changed);
        return changed;
    }

    /**
     * Moves the incident, records the times the move means, and posts the message as a public update. A
     * person moving it has evidently seen it: that acknowledges it too.
     */
    @Transactional
    public Incident moveTo(Incident incident, IncidentStatus status, String message, String by, boolean byPerson) {
        Instant now = clock.instant();
        Instant acknowledged = incident.acknowledgedAt() == null && byPerson ? now : incident.acknowledgedAt();
        Instant mitigated = incident.mitigatedAt() == null && status == IncidentStatus.MONITORING ? now : incident.mitigatedAt();
        Instant resolved = status == IncidentStatus.RESOLVED ? (incident.resolvedAt() == null ? now : incident.resolvedAt()) : null;
        Incident moved = incidents.update(withStatus(incident, status, acknowledged, mitigated, resolved, now));
        if (status != incident.status()) {
            timeline.system(moved, EntryKind.STATUS_CHANGE, "Status " + incident.status() + " → " + status + " by " + by + ".",
                    Visibility.INTERNAL, null, by, now);
        }
        if (!blank(message)) {
            timeline.system(moved, EntryKind.STATUS_UPDATE, message.trim(), Visibility.PUBLIC, status, by, now);
        }
        changed(moved);
        return moved;
    }

    private Incident acknowledged(Incident incident, Viewer viewer) {
        Instant now = clock.instant();
        Incident acknowledged = incidents.update(withStatus(incident, incident.status(), now, incident.mitigatedAt(), incident.resolvedAt(), now));
        timeline.system(acknowledged, EntryKind.STATUS_CHANGE, "Acknowledged by " + viewer.name() + ".", Visibility.INTERNAL, null, viewer.name(), now);
        changed(acknowledged);
        return acknowledged;
    }

    private Map<UUID, ServiceStatus> resolveAffected(Viewer viewer, List<IncidentDraft.Affected> wanted, Severity severity, String field,
                                                     Problems problems) {
        Map<UUID, ServiceStatus> affected = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            IncidentDraft.Affected one = wanted.get(i);
            Optional<Service> service = services.find(viewer, one.service() == null ? "" : one.service());
            if (service.isEmpty()) {
                problems.add(field + "." + i, "No service has the slug '" + one.service() + "'.", UserErrorCode.NOT_FOUND);
            } else {
                ServiceStatus impact = one.impact() != null ? one.impact() : severity == null ? ServiceStatus.MAJOR_OUTAGE : severity.defaultImpact();
                affected.merge(service.get().id(), impact, ServiceStatus::worse);
            }
        }
        return affected;
    }

    private Outcome<Incident> withIncident(Viewer viewer, String number, Function<Incident, Outcome<Incident>> action) {
        Optional<Incident> incident = IncidentNumbers.parse(number).flatMap(incidents::lock).filter(found -> visibleTo(viewer, found));
        return incident.map(action).orElseGet(() -> Outcome.rejected("number", "No incident is numbered '" + number + "'.", UserErrorCode.NOT_FOUND));
    }

    private void changed(Incident incident) {
        events.publish(CHANGED, incident.id().toString(), Map.of("number", incident.number()));
    }

    private static Incident withStatus(Incident incident, IncidentStatus status, Instant acknowledged, Instant mitigated, Instant resolved,
                                       Instant now) {
        return new Incident(incident.id(), incident.number(), incident.title(), incident.severity(), status, incident.visibility(),
                incident.source(), incident.sourceKey(), incident.autoServiceId(), incident.declaredBy(), incident.startedAt(),
                incident.declaredAt(), acknowledged, mitigated, resolved, incident.postmortem(), incident.createdAt(), now);
    }

    private String describe(Map<UUID, ServiceStatus> affected) {
        if (affected.isEmpty()) {
            return "none";
        }
        Map<UUID, String> names = services.byIds(affected.keySet()).stream().collect(Collectors.toMap(Service::id, Service::name));
        return affected.entrySet().stream().map(e -> names.get(e.getKey()) + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    private static String words(IncidentRole role) {
        return switch (role) {
            case COMMANDER -> "incident commander";
            case COMMUNICATIONS_LEAD -> "communications lead";
            case SCRIBE -> "scribe";
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
