package opsline.incident;

import opsline.Api;
import opsline.Json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident operations tests need, over GraphQL as one viewer. The {@code declare}, {@code change}
 * and {@code addEntry} helpers fail the test unless the API accepts the write; {@link #mutate} returns
 * whatever the API answered, for tests of refusals.
 */
public final class IncidentApi {

    /** The fields tests read of an incident. */
    public static final String INCIDENT = """
            id number title severity status visibility source sourceKey declaredBy
            startedAt declaredAt acknowledgedAt mitigatedAt resolvedAt timeToAcknowledge timeToResolve
            acknowledgeBy resolveBy breaches
            affectedServices { impact service { slug status } }
            roles { role assignee }""";
    /** The fields tests read of a timeline entry. */
    public static final String ENTRY = """
            id kind body bodyHtml visibility status occurredAt createdAt version redacted redactedBy redactedAt
            author { name } edits { version body occurredAt editedBy editedAt }""";

    private final Api api;
    private final String token;

    public IncidentApi(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Declares a public incident of this severity on these services; returns its number. */
    public String declare(String title, String severity, String... services) {
        return declare(Map.of("title", title, "severity", severity, "services", List.of(services)));
    }

    /** Declares an incident from DeclareIncidentInput fields; returns its number. */
    public String declare(Map<String, Object> input) {
        Json declared = mutate("declareIncident", "DeclareIncidentInput", input, "incident { number }");
        assertThat(declared.<List<?>>read("$.data.declareIncident.userErrors")).as("declareIncident %s: %s", input, declared).isEmpty();
        return declared.read("$.data.declareIncident.incident.number");
    }

    /** Runs an incident mutation that answers with {@code incident} and fails the test unless accepted. */
    public Json change(String mutation, String inputType, Map<String, Object> input) {
        Json changed = mutate(mutation, inputType, input, "incident { " + INCIDENT + " }");
        assertThat(changed.<List<?>>read("$.data." + mutation + ".userErrors")).as("%s %s: %s", mutation, input, changed).isEmpty();
        return changed;
    }

    public Json changeStatus(String number, String status, String message) {
        Map<String, Object> input = new HashMap<>(Map.of("number", number, "status", status));
        if (message != null) {
            input.put("message", message);
        }
        return change("changeIncidentStatus", "ChangeIncidentStatusInput", input);
    }

    public Json acknowledge(String number) {
        return change("acknowledgeIncident", "IncidentNumberInput", Map.of("number", number));
    }

    public Json resolve(String number, String message) {
        return change("resolveIncident", "ResolveIncidentInput", Map.of("number", number, "message", message));
    }

    public Json reopen(String number, String message) {
        return change("reopenIncident", "ReopenIncidentInput", Map.of("number", number, "message", message));
    }

    /** Updates an incident from UpdateIncidentInput fields (besides number). */
    public Json update(String number, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("number", number);
        return change("updateIncident", "UpdateIncidentInput", input);
    }

    public Json assignRole(String number, String role, String assignee) {
        return change("assignIncidentRole", "AssignIncidentRoleInput", Map.of("number", number, "role", role, "assignee", assignee));
    }

    /** Edits an entry, whatever the answer; the payload's {@code entry} and {@code current} carry {@link #ENTRY}. */
    public Json editEntry(String id, int expectedVersion, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("id", id);
        input.put("expectedVersion", expectedVersion);
        return mutate("editTimelineEntry", "EditTimelineEntryInput", input, "entry { " + ENTRY + " } current { " + ENTRY + " }");
    }

    /** Redacts an entry, whatever the answer; the payload's {@code entry} and {@code current} carry {@link #ENTRY}. */
    public Json redactEntry(String id, Integer expectedVersion) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", id);
        if (expectedVersion != null) {
            input.put("expectedVersion", expectedVersion);
        }
        return mutate("redactTimelineEntry", "RedactTimelineEntryInput", input, "entry { " + ENTRY + " } current { " + ENTRY + " }");
    }

    /** Adds a timeline entry from AddTimelineEntryInput fields (besides number); returns the entry's id. */
    public String addEntry(String number, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("number", number);
        Json added = mutate("addTimelineEntry", "AddTimelineEntryInput", input, "entry { id version }");
        assertThat(added.<List<?>>read("$.data.addTimelineEntry.userErrors")).as("addTimelineEntry %s: %s", input, added).isEmpty();
        return added.read("$.data.addTimelineEntry.entry.id");
    }

    /** Adds a public status update; returns the entry's id. */
    public String postUpdate(String number, String body) {
        return addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", body, "visibility", "PUBLIC"));
    }

    /**
     * Runs {@code mutation(input: $input)} selecting {@code payload} and {@code userErrors { field message code }},
     * whatever the answer.
     */
    public Json mutate(String mutation, String inputType, Map<String, Object> input, String payload) {
        return api.graphql("mutation ($input: " + inputType + "!) { " + mutation + "(input: $input) { " + payload
                + " userErrors { field message code } } }", Map.of("input", input), token);
    }

    /** The incident with the given selection, under {@code $.data.incident}; null data when the viewer may not see it. */
    public Json incident(String number, String selection) {
        Json found = api.graphql("query ($number: String!) { incident(number: $number) { " + selection + " } }",
                Map.of("number", number), token);
        assertThat(found.errorMessages()).as("incident query: %s", found).isEmpty();
        return found;
    }

    /** The incident's {@link #INCIDENT} fields, under {@code $.data.incident}. */
    public Json incident(String number) {
        return incident(number, INCIDENT);
    }

    /** One entry of the incident's timeline as this viewer reads it, or null when the viewer does not see it. */
    public Map<String, Object> entry(String number, String id) {
        List<Map<String, Object>> found = timeline(number).read("$.data.incident.timeline.edges[?(@.node.id == '" + id + "')].node");
        return found.isEmpty() ? null : found.get(0);
    }

    /** The incident's timeline entries, newest first, under {@code $.data.incident.timeline.edges[*].node}. */
    public Json timeline(String number) {
        return incident(number, "timeline(first: 200) { totalCount edges { node { " + ENTRY + " } } }");
    }
}
