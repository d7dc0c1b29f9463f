package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Writing and correcting an incident's timeline: edits carry the version their editor saw and keep every
 * earlier version; a stale version is a CONFLICT that overwrites nothing; a redaction hides the body but
 * keeps who redacted it and when.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class TimelineEditingTest extends ResponderApiTest {

    private static final String EDITED = "$.data.editTimelineEntry";
    private static final String REDACTED = "$.data.redactTimelineEntry";

    String number;

    @BeforeEach
    void setUp() {
        number = incidents.declare("Checkout is failing", "P2");
    }

    @Test
    void addTimelineEntry_answersIdAndFirstVersion_andStoresAuthorAndTimes() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Json added = incidents.mutate("addTimelineEntry", "AddTimelineEntryInput",
                Map.of("number", number, "kind", "ACTION", "body", "Rolled back to **v41**."), "entry { id version }");

        String id = added.read("$.data.addTimelineEntry.entry.id");
        assertThat(added.<Integer>read("$.data.addTimelineEntry.entry.version")).isEqualTo(1);
        Map<String, Object> entry = incidents.entry(number, id);
        assertThat(entry).containsAllEntriesOf(Map.of("kind", "ACTION", "body", "Rolled back to **v41**.", "visibility", "INTERNAL",
                "version", 1, "redacted", false, "author", Map.of("name", nameOf(responder)), "edits", List.of()));
        assertThat((String) entry.get("bodyHtml")).contains("<strong>v41</strong>");
        assertThat(time(entry.get("createdAt"))).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(time(entry.get("occurredAt"))).as("occurredAt, left out").isCloseTo(time(entry.get("createdAt")), within(1, ChronoUnit.SECONDS));
    }

    @Test
    void addTimelineEntry_withMistakes_namesEachOne_andAddsNothing() {
        int entries = timelineSize();

        Json refused = incidents.mutate("addTimelineEntry", "AddTimelineEntryInput", Map.of("number", number, "kind", "STATUS_CHANGE",
                "body", "  ", "occurredAt", Instant.now().plus(Duration.ofHours(1)).toString()), "entry { id }");
        Json unknown = incidents.mutate("addTimelineEntry", "AddTimelineEntryInput", Map.of("number", "INC-999999", "kind", "NOTE",
                "body", "Hello"), "entry { id }");

        assertThat(refused.<List<String>>read("$.data.addTimelineEntry.userErrors[*].field")).containsExactlyInAnyOrder("body", "kind", "occurredAt");
        assertThat(unknown.<List<String>>read("$.data.addTimelineEntry.userErrors[*].code")).containsExactly("NOT_FOUND");
        assertThat(timelineSize()).isEqualTo(entries);
    }

    @Test
    void editTimelineEntry_atTheVersionSeen_raisesTheVersion_andKeepsTheEarlierOnesInItsHistory() {
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Database at 90% CPU."));
        String scribe = accounts.tokenFor(Role.RESPONDER);
        IncidentApi other = new IncidentApi(api, scribe);

        Json first = incidents.editEntry(id, 1, Map.of("body", "Database at 95% CPU."));
        Json second = other.editEntry(id, 2, Map.of("body", "Primary database at 95% CPU."));

        assertThat(first.<List<?>>read(EDITED + ".userErrors")).isEmpty();
        assertThat(first.<Integer>read(EDITED + ".entry.version")).isEqualTo(2);
        assertThat(second.<Integer>read(EDITED + ".entry.version")).isEqualTo(3);
        assertThat(second.<String>read(EDITED + ".entry.body")).isEqualTo("Primary database at 95% CPU.");
        assertThat(second.<Object>read(EDITED + ".current")).isNull();
        List<Map<String, Object>> edits = second.read(EDITED + ".entry.edits");
        assertThat(edits).extracting(edit -> edit.get("version"), edit -> edit.get("body"), edit -> edit.get("editedBy")).containsExactly(
                tuple(1, "Database at 90% CPU.", nameOf(responder)),
                tuple(2, "Database at 95% CPU.", nameOf(scribe)));
        assertThat(time(edits.get(1).get("editedAt"))).isAfterOrEqualTo(time(edits.get(0).get("editedAt")));
        assertThat(incidents.entry(number, id)).containsEntry("version", 3).containsEntry("body", "Primary database at 95% CPU.");
    }

    @Test
    void editTimelineEntry_atAStaleVersion_isAConflict_showsTheCurrentEntry_andOverwritesNothing() {
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Database at 90% CPU."));
        incidents.editEntry(id, 1, Map.of("body", "Database at 95% CPU."));

        Json stale = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER)).editEntry(id, 1, Map.of("body", "Database fine."));

        assertThat(stale.<Object>read(EDITED + ".entry")).isNull();
        assertThat(stale.<List<Map<String, Object>>>read(EDITED + ".userErrors")).containsExactly(Map.of("field", "expectedVersion",
                "code", "CONFLICT", "message", "Someone changed this entry since you saw it (you saw version 1, it is now at version 2). "
                        + "Compare, then edit again."));
        assertThat(stale.<Map<String, Object>>read(EDITED + ".current"))
                .containsEntry("id", id).containsEntry("version", 2).containsEntry("body", "Database at 95% CPU.");
        Map<String, Object> stored = incidents.entry(number, id);
        assertThat(stored).containsEntry("version", 2).containsEntry("body", "Database at 95% CPU.");
        assertThat((List<?>) stored.get("edits")).hasSize(1);
    }

    @Test
    void editTimelineEntry_correctingWhenItHappened_movesItInTheTimeline() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String early = incidents.addEntry(number, Map.of("kind", "ACTION", "body", "Restarted the pods.", "occurredAt", now.minusSeconds(600).toString()));
        String late = incidents.addEntry(number, Map.of("kind", "ACTION", "body", "Scaled up.", "occurredAt", now.minusSeconds(300).toString()));
        assertThat(actionIds()).containsExactly(late, early);

        Json moved = incidents.editEntry(early, 1, Map.of("occurredAt", now.minusSeconds(60).toString()));

        assertThat(time(moved.read(EDITED + ".entry.occurredAt"))).isEqualTo(now.minusSeconds(60));
        assertThat(moved.<String>read(EDITED + ".entry.body")).as("the body, left out, is kept").isEqualTo("Restarted the pods.");
        assertThat(time(moved.read(EDITED + ".entry.edits[0].occurredAt"))).isEqualTo(now.minusSeconds(600));
        assertThat(actionIds()).containsExactly(early, late);
    }

    @Test
    void editTimelineEntry_withMistakes_isRefused() {
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Database at 90% CPU."));
        String systemEntry = incidents.timeline(number).<List<String>>read("$.data.incident.timeline.edges[?(@.node.kind == 'STATUS_CHANGE')].node.id").get(0);

        Json blank = incidents.editEntry(id, 1, Map.of("body", " "));
        Json future = incidents.editEntry(id, 1, Map.of("occurredAt", Instant.now().plus(Duration.ofHours(1)).toString()));
        Json system = incidents.editEntry(systemEntry, 1, Map.of("body", "Never happened."));
        Json unknown = incidents.editEntry("00000000-0000-0000-0000-000000000000", 1, Map.of("body", "Hello"));

        assertThat(codes(blank, "editTimelineEntry")).containsExactly("body REQUIRED");
        assertThat(codes(future, "editTimelineEntry")).containsExactly("occurredAt INVALID");
        assertThat(codes(system, "editTimelineEntry")).containsExactly("id INVALID");
        assertThat(codes(unknown, "editTimelineEntry")).containsExactly("id NOT_FOUND");
        assertThat(incidents.entry(number, id)).containsEntry("version", 1).containsEntry("body", "Database at 90% CPU.");
    }

    @Test
    void redactTimelineEntry_hidesTheBodyFromEveryReader_butKeepsWhoAndWhen() {
        String id = incidents.postUpdate(number, "Card numbers leaked: 4111 1111 1111 1111");
        String redactor = accounts.tokenFor(Role.RESPONDER);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Json redacted = new IncidentApi(api, redactor).redactEntry(id, 1);

        assertThat(redacted.<List<?>>read(REDACTED + ".userErrors")).isEmpty();
        Map<String, Object> entry = redacted.read(REDACTED + ".entry");
        assertThat(entry).containsEntry("redacted", true).containsEntry("redactedBy", nameOf(redactor)).containsEntry("version", 2)
                .containsEntry("body", null).containsEntry("bodyHtml", null);
        assertThat(time(entry.get("redactedAt"))).isBetween(before, Instant.now().plusSeconds(1));
        for (String token : new String[] {responder, accounts.tokenFor(Role.VIEWER), null}) {
            Json read = api.graphql("query ($n: String!) { incident(number: $n) { latestUpdate { id } timeline { edges { node { "
                    + IncidentApi.ENTRY + " } } } } }", Map.of("n", number), token);
            assertThat(read.errorMessages()).isEmpty();
            assertThat(read.body()).as("the incident as %s reads it", token == null ? "the public" : nameOf(token)).doesNotContain("4111");
            assertThat(read.<List<Boolean>>read("$.data.incident.timeline.edges[?(@.node.id == '" + id + "')].node.redacted")).containsExactly(true);
            assertThat(read.<Object>read("$.data.incident.latestUpdate")).isNull();
        }
        assertThat(api.graphql("{ publicUpdates { id } }").<List<String>>read("$.data.publicUpdates[*].id")).doesNotContain(id);
    }

    @Test
    void redactTimelineEntry_isRecordedInTheHistory_withoutTheEarlierBodies_andEndsEditing() {
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Password is hunter2."));
        incidents.editEntry(id, 1, Map.of("body", "Password is hunter2; rotating it."));
        String redactor = accounts.tokenFor(Role.RESPONDER);

        Json redacted = new IncidentApi(api, redactor).redactEntry(id, null);
        Json edit = incidents.editEntry(id, 3, Map.of("body", "Password is gone."));
        Json again = incidents.redactEntry(id, 3);

        List<Map<String, Object>> edits = redacted.read(REDACTED + ".entry.edits");
        assertThat(edits).extracting(earlier -> earlier.get("version"), earlier -> earlier.get("editedBy"), earlier -> earlier.get("body")).containsExactly(
                tuple(1, nameOf(responder), null),
                tuple(2, nameOf(redactor), null));
        assertThat(edits.get(1).get("editedAt")).isEqualTo(redacted.read(REDACTED + ".entry.redactedAt"));
        assertThat(redacted.body()).doesNotContain("hunter2");
        String conflict = "This entry was redacted by " + nameOf(redactor) + " and can no longer change.";
        assertThat(edit.<List<Map<String, Object>>>read(EDITED + ".userErrors"))
                .containsExactly(Map.of("field", "expectedVersion", "code", "CONFLICT", "message", conflict));
        assertThat(edit.<Boolean>read(EDITED + ".current.redacted")).isTrue();
        assertThat(edit.body()).doesNotContain("hunter2");
        assertThat(codes(again, "redactTimelineEntry")).containsExactly("expectedVersion CONFLICT");
        assertThat(incidents.entry(number, id)).containsEntry("version", 3).containsEntry("body", null);
    }

    @Test
    void redactTimelineEntry_atAStaleVersion_isAConflict_andLeavesTheEntryReadable() {
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Database at 90% CPU."));
        incidents.editEntry(id, 1, Map.of("body", "Database at 95% CPU."));

        Json stale = incidents.redactEntry(id, 1);

        assertThat(codes(stale, "redactTimelineEntry")).containsExactly("expectedVersion CONFLICT");
        assertThat(stale.<Integer>read(REDACTED + ".current.version")).isEqualTo(2);
        assertThat(incidents.entry(number, id)).containsEntry("redacted", false).containsEntry("body", "Database at 95% CPU.");
    }

    @Test
    void entriesOfPeople_defaultToTheirKindsVisibility_andTheInternalOnesAreHiddenFromThePublic() {
        String update = incidents.postUpdate(number, "We are investigating.");
        String note = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Looks like the database."));
        String publicAction = incidents.addEntry(number, Map.of("kind", "ACTION", "body", "Failed over.", "visibility", "PUBLIC"));

        List<String> publicIds = api.graphql("query ($n: String!) { incident(number: $n) { timeline { edges { node { id } } } } }",
                Map.of("n", number), null).read("$.data.incident.timeline.edges[*].node.id");

        assertThat(incidents.entry(number, note)).containsEntry("visibility", "INTERNAL");
        assertThat(incidents.entry(number, update)).containsEntry("visibility", "PUBLIC").containsEntry("status", "INVESTIGATING");
        assertThat(publicIds).containsExactlyInAnyOrder(update, publicAction);
    }

    private List<String> actionIds() {
        return incidents.timeline(number).read("$.data.incident.timeline.edges[?(@.node.kind == 'ACTION')].node.id");
    }

    private int timelineSize() {
        return incidents.timeline(number).read("$.data.incident.timeline.totalCount");
    }

    private static List<String> codes(Json answer, String mutation) {
        List<Map<String, Object>> errors = answer.read("$.data." + mutation + ".userErrors");
        return errors.stream().map(error -> error.get("field") + " " + error.get("code")).toList();
    }

    private static Instant time(Object value) {
        return OffsetDateTime.parse((String) value).toInstant();
    }
}
