package opsline.incident;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What is learned from an incident: the post-mortem's sections and its action items. Signed-in viewers only. */
@Singleton
public class Postmortems {

    private static final int MAX_SECTION = 50_000;

    private final IncidentRepository incidents;
    private final ActionItemRepository actionItems;
    private final Events events;
    private final Clock clock;

    public Postmortems(IncidentRepository incidents, ActionItemRepository actionItems, Events events, Clock clock) {
        this.incidents = incidents;
        this.actionItems = actionItems;
        this.events = events;
        this.clock = clock;
    }

    public Optional<Postmortem> of(Viewer viewer, Incident incident) {
        return viewer.seesInternal() ? Optional.of(incident.postmortem()) : Optional.empty();
    }

    public List<ActionItem> itemsOf(Collection<UUID> incidentIds) {
        return incidentIds.isEmpty() ? List.of() : actionItems.of(incidentIds);
    }

    /** Merges the sections given (null keeps a section) into the post-mortem. */
    @Transactional
    public Outcome<Incident> update(Viewer viewer, String number, Postmortem sections) {
        viewer.require(Role.RESPONDER);
        Optional<Incident> found = IncidentNumbers.parse(number).flatMap(incidents::lock);
        if (found.isEmpty()) {
            return Outcome.rejected("number", "No incident is numbered '" + number + "'.", UserErrorCode.NOT_FOUND);
        }
        Problems problems = new Problems()
                .optionalText("summary", sections.summary(), MAX_SECTION)
                .optionalText("impact", sections.impact(), MAX_SECTION)
                .optionalText("rootCause", sections.rootCause(), MAX_SECTION)
                .optionalText("wentWell", sections.wentWell(), MAX_SECTION)
                .optionalText("wentWrong", sections.wentWrong(), MAX_SECTION);
        if (problems.any()) {
            return problems.rejection();
        }
        Incident incident = found.get();
        Postmortem current = incident.postmortem();
        Instant now = clock.instant();
        Postmortem merged = new Postmortem(or(sections.summary(), current.summary()), or(sections.impact(), current.impact()),
                or(sections.rootCause(), current.rootCause()), or(sections.wentWell(), current.wentWell()),
                or(sections.wentWrong(), current.wentWrong()), now);
        Incident changed = incidents.update(new Incident(incident.id(), incident.number(), incident.title(), incident.severity(),
                incident.status(), incident.visibility(), incident.source(), incident.sourceKey(), incident.autoServiceId(),
                incident.declaredBy(), incident.startedAt(), incident.declaredAt(), incident.acknowledgedAt(), incident.mitigatedAt(),
                incident.resolvedAt(), merged, incident.createdAt(), now));
        events.publish(Incidents.CHANGED, incident.id().toString(), Map.of("number", incident.number()));
        return Outcome.ok(changed);
    }

    @Transactional
    public Outcome<ActionItem> addItem(Viewer viewer, String number, String title, String owner, LocalDate dueOn) {
        viewer.require(Role.RESPONDER);
        Optional<Incident> incident = IncidentNumbers.parse(number).flatMap(incidents::findByNumber);
        Problems problems = new Problems().text("title", title, 500).optionalText("owner", owner, 200);
        if (incident.isEmpty()) {
            problems.add("number", "No incident is numbered '" + number + "'.", UserErrorCode.NOT_FOUND);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        ActionItem item = actionItems.save(new ActionItem(UUID.randomUUID(), incident.get().id(), title.trim(),
                owner == null || owner.isBlank() ? null : owner.trim(), dueOn, clock.instant(), viewer.name(), null, null));
        events.publish(Incidents.CHANGED, incident.get().id().toString(), Map.of("number", incident.get().number()));
        return Outcome.ok(item);
    }

    @Transactional
    public Outcome<ActionItem> complete(Viewer viewer, String id) {
        viewer.require(Role.RESPONDER);
        Optional<ActionItem> found = IncidentNumbers.uuid(id).flatMap(actionItems::findById);
        if (found.isEmpty()) {
            return Outcome.rejected("id", "No action item has the id '" + id + "'.", UserErrorCode.NOT_FOUND);
        }
        ActionItem item = found.get();
        if (item.done()) {
            return Outcome.ok(item);
        }
        ActionItem done = actionItems.update(new ActionItem(item.id(), item.incidentId(), item.title(), item.owner(), item.dueOn(),
                item.createdAt(), item.createdBy(), clock.instant(), viewer.name()));
        events.publish(Incidents.CHANGED, item.incidentId().toString(), Map.of("actionItem", item.id().toString()));
        return Outcome.ok(done);
    }

    private static String or(String given, String current) {
        return given == null ? current : given;
    }
}
