package opsline.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.console.ConsoleBrowser.Page;
import opsline.incident.IncidentApi;
import opsline.security.Role;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's forms without JavaScript: each is filled in as the page wrote it, submitted over real
 * HTTP, and its result read back both from the page and through the GraphQL API.
 */
@MicronautTest(transactional = false)
class ConsoleFormsTest extends AdminApiTest {

    private static final String PASSWORD = "correct horse battery staple";

    private String commander;
    private ConsoleBrowser browser;
    private IncidentApi incidents;

    @BeforeEach
    void aCommanderSignedInToTheConsole() {
        createService(Map.of("name", "Checkout API"));
        createService(Map.of("name", "Search"));
        commander = accounts.userWithPassword(Role.RESPONDER, PASSWORD);
        browser = ConsoleBrowser.signedIn(api.uri("/"), commander, PASSWORD);
        incidents = new IncidentApi(api, admin);
    }

    @Test
    void declaring_redirectsToTheNewIncident_whichTheConsoleLists() {
        Page declared = browser.get("/console/incidents/new").form("form[action=\"/console/incidents\"]")
                .set("title", "Checkout failing").set("severity", "P1").check("services", "checkout-api")
                .set("message", "We are looking into failed payments.").submit();

        assertThat(declared.status()).as("%s", declared).isEqualTo(303);
        assertThat(declared.location()).matches("/console/incidents/INC-\\d+");
        String number = declared.location().substring("/console/incidents/".length());
        Document page = browser.follow(declared).document();
        assertThat(page.select("h1").text()).isEqualTo(number + " Checkout failing");
        assertThat(browser.get("/console").document().select("table.incidents a").eachText()).containsExactly(number + " Checkout failing");
        Json incident = incidents.incident(number, IncidentApi.INCIDENT + " latestUpdate { body }");
        assertThat(incident.<String>read("$.data.incident.severity")).isEqualTo("P1");
        assertThat(incident.<String>read("$.data.incident.declaredBy")).isEqualTo(commander);
        assertThat(incident.<List<String>>read("$.data.incident.affectedServices[*].service.slug")).containsExactly("checkout-api");
        assertThat(incident.<List<String>>read("$.data.incident.roles[?(@.role == 'COMMANDER')].assignee")).containsExactly(commander);
        assertThat(incident.<String>read("$.data.incident.latestUpdate.body")).isEqualTo("We are looking into failed payments.");
    }

    @Test
    void declaringWithoutATitle_showsTheFormAgain_withTheProblemAndWhatWasTyped() {
        Page refused = browser.get("/console/incidents/new").form("form[action=\"/console/incidents\"]")
                .set("title", " ").set("severity", "P2").check("services", "search").set("message", "Half typed update").submit();

        assertThat(refused.status()).isEqualTo(422);
        Document form = refused.document();
        assertThat(refused.problems()).contains("Title is required.");
        assertThat(form.select("input[name=severity][checked]").val()).isEqualTo("P2");
        assertThat(form.select("input[name=services][checked]").eachAttr("value")).containsExactly("search");
        assertThat(form.select("textarea[name=message]").text()).isEqualTo("Half typed update");
        assertThat(api.graphql("{ incidents(first: 5) { totalCount } }", Map.of(), admin).<Integer>read("$.data.incidents.totalCount"))
                .isZero();
    }

    @Test
    void addingAnEntry_thenEditingItInPlace_keepsTheEarlierVersion() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");

        Page added = page(number).form("form[action$=\"/entries\"]").set("kind", "NOTE").set("body", "Rolled back deploy 42").submit();
        assertThat(added.status()).as("%s", added).isEqualTo(303);
        Map<String, Object> note = entry(number, "Rolled back deploy 42");
        assertThat(note).containsEntry("kind", "NOTE").containsEntry("visibility", "INTERNAL").containsEntry("version", 1);
        assertThat(note.get("author")).isEqualTo(Map.of("name", commander));
        Element item = page(number).document().getElementById("entry-" + note.get("id"));
        assertThat(item).isNotNull();
        assertThat(item.select(".entry-body").text()).isEqualTo("Rolled back deploy 42");

        Page edited = editForm(page(number), note).set("body", "Rolled back deploy 41").submit();

        assertThat(edited.status()).as("%s", edited).isEqualTo(303);
        assertThat(edited.location()).isEqualTo("/console/incidents/" + number + "#entry-" + note.get("id"));
        Map<String, Object> now = entry(number, "Rolled back deploy 41");
        assertThat(now).containsEntry("id", note.get("id")).containsEntry("version", 2);
        assertThat(now.get("occurredAt")).as("a text edit keeps the time, to the microsecond").isEqualTo(note.get("occurredAt"));
        assertThat((List<?>) now.get("edits")).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("version", 1).containsEntry("body", "Rolled back deploy 42").containsEntry("editedBy", commander);
        Element shown = page(number).document().getElementById("entry-" + note.get("id"));
        assertThat(shown.select(".entry-body").text()).isEqualTo("Rolled back deploy 41");
        assertThat(shown.select(".entry-meta").text()).contains("edited (version 2)");
    }

    @Test
    void editingTheTime_correctsWhenTheEntryHappened_readAsUtc() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        incidents.addEntry(number, Map.of("kind", "ACTION", "body", "Failed over to eu-west"));
        Map<String, Object> action = entry(number, "Failed over to eu-west");

        Page corrected = editForm(page(number), action).set("occurredAt", "2024-03-01T09:12").submit();

        assertThat(corrected.status()).as("%s", corrected).isEqualTo(303);
        assertThat(entry(number, "Failed over to eu-west")).containsEntry("occurredAt", "2024-03-01T09:12:00Z").containsEntry("version", 2);
    }

    @Test
    void editingAStaleVersion_showsBothVersions_andDoesNotOverwrite() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Restarted the pods"));
        Map<String, Object> seen = entry(number, "Restarted the pods");
        ConsoleBrowser.Form staleForm = editForm(page(number), seen).set("body", "Restarted the pods in eu-west");
        Json theirs = incidents.mutate("editTimelineEntry", "EditTimelineEntryInput",
                Map.of("id", id, "expectedVersion", 1, "body", "Restarted the pods in us-east"), "entry { version }");
        assertThat(theirs.<Integer>read("$.data.editTimelineEntry.entry.version")).isEqualTo(2);

        Page conflict = staleForm.submit();

        assertThat(conflict.status()).isEqualTo(409);
        Element shown = conflict.document().selectFirst(".conflict");
        assertThat(shown).as("the conflict box: %s", conflict).isNotNull();
        assertThat(shown.select(".versions h3").eachText()).containsExactly("Yours", "Now (version 2)");
        assertThat(shown.select(".versions pre").eachText()).containsExactly("Restarted the pods in eu-west", "Restarted the pods in us-east");
        assertThat(conflict.problems()).contains("you saw version 1, it is now at version 2");
        assertThat(conflict.document().select("#entry-" + id + " details").hasAttr("open")).as("the entry's editor is open").isTrue();
        Map<String, Object> stored = entry(number, "Restarted the pods in us-east");
        assertThat(stored).containsEntry("version", 2);
        assertThat(incidents.timeline(number).body()).doesNotContain("eu-west");
    }

    @Test
    void redacting_hidesTheEntrysBody_andSaysWhoRedactedIt() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Password is hunter2"));
        Element item = page(number).document().getElementById("entry-" + id);

        Page redacted = browser.get("/console/incidents/" + number).form("#entry-" + id + " form[action$=\"/redact\"]").submit();

        assertThat(item).isNotNull();
        assertThat(redacted.status()).as("%s", redacted).isEqualTo(303);
        Map<String, Object> stored = incidents.timeline(number).<List<Map<String, Object>>>read("$.data.incident.timeline.edges[*].node")
                .stream().filter(node -> id.equals(node.get("id"))).findFirst().orElseThrow();
        assertThat(stored).containsEntry("redacted", true).containsEntry("redactedBy", commander).containsEntry("body", null);
        Page after = page(number);
        assertThat(after.body()).doesNotContain("hunter2");
        assertThat(after.document().select("#entry-" + id + " .redacted").text()).startsWith("Redacted by " + commander);
    }

    @Test
    void changingStatusWithAMessage_movesTheIncident_andPostsThePublicUpdate() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");

        Page changed = page(number).form("form[action$=\"/status\"]").set("status", "IDENTIFIED")
                .set("message", "A bad deploy; rolling back.").submit();

        assertThat(changed.status()).as("%s", changed).isEqualTo(303);
        Json incident = incidents.incident(number, "status latestUpdate { body status visibility author { name } }");
        assertThat(incident.<String>read("$.data.incident.status")).isEqualTo("IDENTIFIED");
        assertThat(incident.<Map<String, Object>>read("$.data.incident.latestUpdate")).containsEntry("body", "A bad deploy; rolling back.")
                .containsEntry("status", "IDENTIFIED").containsEntry("visibility", "PUBLIC");
        assertThat(page(number).document().select(".incident-head .status-badge").text()).isEqualTo("IDENTIFIED");
    }

    @Test
    void changingSeverity_changesItAndSaysWhyOnTheTimeline() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");

        Page changed = page(number).form("form[action$=\"/severity\"]").set("severity", "P3").set("message", "Only EU cards fail").submit();

        assertThat(changed.status()).as("%s", changed).isEqualTo(303);
        assertThat(incidents.incident(number, "severity").<String>read("$.data.incident.severity")).isEqualTo("P3");
        List<String> changes = incidents.timeline(number).read("$.data.incident.timeline.edges[?(@.node.kind == 'SEVERITY_CHANGE')].node.body");
        assertThat(changes).singleElement().asString().contains("P3").contains("Only EU cards fail");
        assertThat(page(number).document().select(".incident-head .badge").first().text()).isEqualTo("P3");
    }

    @Test
    void assigningARole_givesItToTheUser_andAnUnknownUserIsShownWithWhatWasTyped() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        String scribe = accounts.userWithPassword(Role.RESPONDER, PASSWORD);

        Page assigned = page(number).form("form[action$=\"/role\"]").set("role", "SCRIBE").set("assignee", scribe).submit();
        Page refused = page(number).form("form[action$=\"/role\"]").set("role", "SCRIBE").set("assignee", "nobody-at-all").submit();

        assertThat(assigned.status()).as("%s", assigned).isEqualTo(303);
        assertThat(incidents.incident(number, "roles { role assignee }").<List<String>>read("$.data.incident.roles[?(@.role == 'SCRIBE')].assignee"))
                .containsExactly(scribe);
        assertThat(page(number).document().select("section[aria-labelledby=roles-heading] li").eachText()).contains("SCRIBE: " + scribe);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problems()).contains("No active user is named 'nobody-at-all'.");
        assertThat(refused.document().select("input[name=assignee]").val()).isEqualTo("nobody-at-all");
    }

    @Test
    void editingThePostmortem_savesEverySection() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");

        Page saved = page(number).form("form[action$=\"/postmortem\"]").set("summary", "Payments failed for 20 minutes.")
                .set("impact", "12% of orders.").set("rootCause", "An expired certificate.").set("wentWell", "Fast rollback.")
                .set("wentWrong", "No alert on expiry.").submit();

        assertThat(saved.status()).as("%s", saved).isEqualTo(303);
        Map<String, Object> postmortem = incidents.incident(number, "postmortem { summary impact rootCause wentWell wentWrong }")
                .read("$.data.incident.postmortem");
        assertThat(postmortem).containsExactlyInAnyOrderEntriesOf(Map.of("summary", "Payments failed for 20 minutes.",
                "impact", "12% of orders.", "rootCause", "An expired certificate.", "wentWell", "Fast rollback.",
                "wentWrong", "No alert on expiry."));
        assertThat(page(number).document().select("#pm-cause").text()).isEqualTo("An expired certificate.");
    }

    @Test
    void addingAndCompletingAnActionItem() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");

        Page added = page(number).form("form[action$=\"/action-items\"]").set("title", "Alert on certificate expiry")
                .set("owner", commander).set("dueOn", "2030-01-31").submit();
        assertThat(added.status()).as("%s", added).isEqualTo(303);
        Map<String, Object> item = incidents.incident(number, "actionItems { id title owner dueOn done doneBy }")
                .read("$.data.incident.actionItems[0]");
        assertThat(item).containsEntry("title", "Alert on certificate expiry").containsEntry("owner", commander)
                .containsEntry("dueOn", "2030-01-31").containsEntry("done", false);

        Page completed = page(number).form("form[action$=\"/action-items/" + item.get("id") + "/complete\"]").submit();

        assertThat(completed.status()).as("%s", completed).isEqualTo(303);
        Map<String, Object> done = incidents.incident(number, "actionItems { done doneBy }").read("$.data.incident.actionItems[0]");
        assertThat(done).containsEntry("done", true).containsEntry("doneBy", commander);
        Element shown = page(number).document().selectFirst("ul.action-items li");
        assertThat(shown.hasClass("done")).isTrue();
        assertThat(shown.text()).contains("done by " + commander);
    }

    @Test
    void aViewer_canSignInAndRead_butTheirFormsAreRefusedWithAClearMessage() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        String viewer = accounts.userWithPassword(Role.VIEWER, PASSWORD);
        ConsoleBrowser readOnly = ConsoleBrowser.signedIn(api.uri("/"), viewer, PASSWORD);

        Page home = readOnly.get("/console");
        Page declare = readOnly.get("/console/incidents/new").form("form[action=\"/console/incidents\"]")
                .set("title", "Viewer's incident").set("severity", "P4").submit();
        Page entry = readOnly.get("/console/incidents/" + number).form("form[action$=\"/entries\"]").set("body", "Viewer's note").submit();

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.document().select(".console-header form").text()).contains(viewer + " (VIEWER)");
        assertThat(declare.status()).isEqualTo(422);
        assertThat(declare.problems()).contains("This needs the RESPONDER role");
        assertThat(entry.status()).isEqualTo(422);
        assertThat(entry.problems()).contains("This needs the RESPONDER role");
        assertThat(api.graphql("{ incidents(first: 5) { totalCount } }", Map.of(), admin).<Integer>read("$.data.incidents.totalCount"))
                .isOne();
        assertThat(incidents.timeline(number).body()).doesNotContain("Viewer's note");
    }

    private Page page(String number) {
        Page page = browser.get("/console/incidents/" + number);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page;
    }

    private ConsoleBrowser.Form editForm(Page page, Map<String, Object> entry) {
        ConsoleBrowser.Form form = page.form("#entry-" + entry.get("id") + " form[action$=\"/edit\"]");
        assertThat(form.value("expectedVersion")).isEqualTo(String.valueOf(entry.get("version")));
        return form;
    }

    /** The timeline entry with this body, as the API shows it; fails when there is not exactly one. */
    private Map<String, Object> entry(String number, String body) {
        List<Map<String, Object>> entries = incidents.timeline(number).read("$.data.incident.timeline.edges[*].node");
        List<Map<String, Object>> matching = entries.stream().filter(node -> body.equals(node.get("body"))).toList();
        assertThat(matching).as("entries with body %s among %s", body, entries).hasSize(1);
        return matching.get(0);
    }
}
