package opsline.incident;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Input;
import opsline.graphql.Payloads;
import opsline.graphql.SchemaWiring;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.service.ServiceStatus;
import opsline.validation.Outcome;
import opsline.validation.UserErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static opsline.graphql.ViewerContext.of;

/** Changes to incidents: thin mappings from mutation inputs to the incident domain. */
@Singleton
class IncidentMutations implements SchemaWiring {

    private final Incidents incidents;
    private final Timeline timeline;
    private final Postmortems postmortems;
    private final AlertIntake alerts;
    private final TimelineRepository entries;

    IncidentMutations(Incidents incidents, Timeline timeline, Postmortems postmortems, AlertIntake alerts, TimelineRepository entries) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.postmortems = postmortems;
        this.alerts = alerts;
        this.entries = entries;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type
                .dataFetcher("declareIncident", this::declare)
                .dataFetcher("acknowledgeIncident", env -> Payloads.of("incident", incidents.acknowledge(of(env), Input.of(env).string("number"))))
                .dataFetcher("updateIncident", this::update)
                .dataFetcher("changeIncidentStatus", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("incident", incidents.changeStatus(of(env), input.string("number"),
                            input.enumValue("status", IncidentStatus.class), input.string("message")));
                })
                .dataFetcher("assignIncidentRole", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("incident", incidents.assignRole(of(env), input.string("number"),
                            input.enumValue("role", IncidentRole.class), input.string("assignee")));
                })
                .dataFetcher("resolveIncident", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("incident", incidents.changeStatus(of(env), input.string("number"), IncidentStatus.RESOLVED,
                            input.string("message")));
                })
                .dataFetcher("reopenIncident", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("incident", incidents.reopen(of(env), input.string("number"), input.string("message")));
                })
                .dataFetcher("addTimelineEntry", this::addEntry)
                .dataFetcher("editTimelineEntry", env -> {
                    Input input = Input.of(env);
                    return entryPayload(input.string("id"), timeline.edit(of(env), input.string("id"), input.integer("expectedVersion"),
                            input.string("body"), input.valueOr("occurredAt", (Instant) null)));
                })
                .dataFetcher("redactTimelineEntry", env -> {
                    Input input = Input.of(env);
                    return entryPayload(input.string("id"), timeline.redact(of(env), input.string("id"), input.integer("expectedVersion")));
                })
                .dataFetcher("updatePostmortem", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("incident", postmortems.update(of(env), input.string("number"), new Postmortem(input.string("summary"),
                            input.string("impact"), input.string("rootCause"), input.string("wentWell"), input.string("wentWrong"), null)));
                })
                .dataFetcher("addActionItem", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("actionItem", postmortems.addItem(of(env), input.string("number"), input.string("title"),
                            input.string("owner"), input.valueOr("dueOn", (LocalDate) null)));
                })
                .dataFetcher("completeActionItem", env -> Payloads.of("actionItem", postmortems.complete(of(env), Input.of(env).string("id"))))
                .dataFetcher("receiveAlertmanagerAlerts", this::alertmanager));
    }

    private Map<String, Object> declare(DataFetchingEnvironment env) {
        Input input = Input.of(env);
        Severity severity = input.enumValue("severity", Severity.class);
        IncidentDraft draft = new IncidentDraft(input.string("title"), severity, affected(input), input.enumValue("visibility", Visibility.class),
                input.string("message"), input.valueOr("startedAt", (Instant) null));
        return Payloads.of("incident", incidents.declare(of(env), draft));
    }

    private Map<String, Object> update(DataFetchingEnvironment env) {
        Input input = Input.of(env);
        IncidentChanges changes = new IncidentChanges(input.string("title"), input.enumValue("severity", Severity.class),
                input.enumValue("visibility", Visibility.class), input.has("affectedServices") ? affected(input) : null,
                input.valueOr("startedAt", (Instant) null), input.string("message"));
        return Payloads.of("incident", incidents.update(of(env), input.string("number"), changes));
    }

    private Map<String, Object> addEntry(DataFetchingEnvironment env) {
        Input input = Input.of(env);
        Viewer viewer = of(env);
        Outcome<TimelineEntry> added = incidents.find(viewer, input.string("number"))
                .map(incident -> timeline.add(viewer, incident, input.enumValue("kind", EntryKind.class), input.string("body"),
                        input.enumValue("visibility", Visibility.class), input.valueOr("occurredAt", (Instant) null)))
                .orElseGet(() -> {
                    viewer.require(Role.RESPONDER);
                    return Outcome.rejected("number", "No incident is numbered '" + input.string("number") + "'.", UserErrorCode.NOT_FOUND);
                });
        return entryPayload(null, added);
    }

    /** The entry payload; on a conflict it also carries the entry as it is now, for the editor to compare. */
    private Map<String, Object> entryPayload(String id, Outcome<TimelineEntry> outcome) {
        Map<String, Object> payload = Payloads.of("entry", outcome);
        boolean conflict = outcome.errors().stream().anyMatch(error -> error.code() == UserErrorCode.CONFLICT);
        payload.put("current", conflict && id != null ? IncidentNumbers.uuid(id).flatMap(entries::findById).orElse(null) : null);
        return payload;
    }

    private Map<String, Object> alertmanager(DataFetchingEnvironment env) {
        Outcome<AlertIntake.Intake> intake = alerts.alertmanager(of(env), Input.of(env).values().get("payload"));
        Map<String, Object> payload = Payloads.of("incident", intake);
        payload.put("incident", intake.isOk() ? intake.value().incident() : null);
        payload.put("created", intake.isOk() && intake.value().created());
        payload.put("entriesAdded", intake.isOk() ? intake.value().entriesAdded() : 0);
        return payload;
    }

    /** {@code services} (slugs, impact by severity) and {@code affectedServices} (each with its impact), together. */
    private static List<IncidentDraft.Affected> affected(Input input) {
        List<IncidentDraft.Affected> affected = new ArrayList<>();
        input.<String>list("services").forEach(slug -> affected.add(new IncidentDraft.Affected(slug, null)));
        input.inputs("affectedServices").forEach(service -> affected.add(new IncidentDraft.Affected(service.string("service"),
                service.enumValue("impact", ServiceStatus.class))));
        return affected;
    }
}
