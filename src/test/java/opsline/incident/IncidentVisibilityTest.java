package opsline.incident;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.console.ConsoleBrowser;
import opsline.security.Role;
import opsline.statuspage.StatusPageReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Internal incidents and internal entries stay with signed-in viewers: the API answers anonymous viewers
 * and the public pages (status page, incident pages, history, Atom feed) as if they did not exist.
 */
@MicronautTest(transactional = false)
class IncidentVisibilityTest extends AdminApiTest {

    private static final String INTERNAL_TITLE = "Secret ledger migration stuck";
    private static final String PUBLIC_TITLE = "Checkout is slow";

    private IncidentApi responder;
    private IncidentApi anonymous;
    private IncidentApi viewer;
    private String viewerToken;
    private StatusPageReader statusPage;

    @BeforeEach
    void setUp() {
        responder = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER));
        anonymous = new IncidentApi(api, null);
        viewerToken = accounts.tokenFor(Role.VIEWER);
        viewer = new IncidentApi(api, viewerToken);
        statusPage = new StatusPageReader(api);
        createService(Map.of("name", "Checkout", "slug", "checkout"));
    }

    @Test
    void incidents_anonymousViewersListPublicIncidentsOnly_signedInViewersListBoth() {
        String internal = declareInternal(INTERNAL_TITLE);
        String open = responder.declare(PUBLIC_TITLE, "P2", "checkout");
        String resolved = responder.declare("Search was down", "P3");
        responder.resolve(resolved, "Fixed.");
        String internalResolved = declareInternal("Quiet internal thing");
        responder.resolve(internalResolved, "Done.");

        assertThat(numbers(null, "")).containsExactly(resolved, open);
        assertThat(numbers(null, "(open: true)")).containsExactly(open);
        assertThat(numbers(null, "(open: false)")).containsExactly(resolved);
        assertThat(numbers(null, "(service: \"checkout\")")).containsExactly(open);
        assertThat(totalCount(null)).isEqualTo(2);
        assertThat(numbers(viewerToken, "")).containsExactly(internalResolved, resolved, open, internal);
        assertThat(totalCount(viewerToken)).isEqualTo(4);
    }

    @Test
    void incidentByNumber_isNullForAnonymousViewersWhenInternal_andThereForSignedInViewers() {
        String internal = declareInternal(INTERNAL_TITLE);
        String open = responder.declare(PUBLIC_TITLE, "P2");

        assertThat(anonymous.incident(internal, "number title").<Object>read("$.data.incident")).isNull();
        assertThat(anonymous.incident(open, "title").<String>read("$.data.incident.title")).isEqualTo(PUBLIC_TITLE);
        assertThat(viewer.incident(internal, "title visibility").<String>read("$.data.incident.title")).isEqualTo(INTERNAL_TITLE);
        assertThat(viewer.incident(internal, "visibility").<String>read("$.data.incident.visibility")).isEqualTo("INTERNAL");
    }

    @Test
    void timeline_ofAPublicIncident_showsAnonymousViewersItsPublicEntriesOnly() {
        String number = responder.declare(PUBLIC_TITLE, "P2");
        String update = responder.postUpdate(number, "We are looking into it.");
        responder.addEntry(number, Map.of("kind", "NOTE", "body", "Internal note: the primary is at 100% CPU."));
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Draft, not for customers.", "visibility", "INTERNAL"));
        responder.addEntry(number, Map.of("kind", "ACTION", "body", "Rolled back deploy 42."));
        responder.acknowledge(number);

        Json seen = anonymous.timeline(number);
        Json all = viewer.timeline(number);

        assertThat(seen.<List<String>>read("$.data.incident.timeline.edges[*].node.id")).containsExactly(update);
        assertThat(seen.<Integer>read("$.data.incident.timeline.totalCount")).isEqualTo(1);
        assertThat(seen.body()).doesNotContain("Internal note", "Draft, not for customers", "Rolled back", "Acknowledged by");
        assertThat(all.<List<String>>read("$.data.incident.timeline.edges[*].node.visibility")).contains("INTERNAL").hasSizeGreaterThan(4);
        assertThat(all.body()).contains("Internal note", "Draft, not for customers", "Rolled back");
    }

    @Test
    void timeline_filteredByKind_stillHidesInternalStatusUpdatesFromAnonymousViewers() {
        String number = responder.declare(PUBLIC_TITLE, "P2");
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Draft, not for customers.", "visibility", "INTERNAL"));
        responder.postUpdate(number, "We are looking into it.");

        Json seen = anonymous.incident(number, "timeline(kinds: [STATUS_UPDATE, NOTE]) { totalCount edges { node { body } } }");

        assertThat(seen.<List<String>>read("$.data.incident.timeline.edges[*].node.body")).containsExactly("We are looking into it.");
    }

    @Test
    void latestUpdate_isTheNewestPublicStatusUpdate_evenWhenAnInternalOneIsNewer() {
        String number = responder.declare(PUBLIC_TITLE, "P2");
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Public one.", "occurredAt", "2024-03-05T07:00:00Z"));
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Internal one.", "visibility", "INTERNAL",
                "occurredAt", "2024-03-05T08:00:00Z"));

        assertThat(anonymous.incident(number, "latestUpdate { body visibility }").<String>read("$.data.incident.latestUpdate.body"))
                .isEqualTo("Public one.");
        assertThat(viewer.incident(number, "latestUpdate { body }").<String>read("$.data.incident.latestUpdate.body"))
                .as("latestUpdate is the latest *public* update for everyone").isEqualTo("Public one.");
    }

    @Test
    void publicUpdates_carryPublicUpdatesOfPublicIncidentsOnly() {
        String open = responder.declare(PUBLIC_TITLE, "P2");
        responder.postUpdate(open, "Public update of a public incident.");
        responder.addEntry(open, Map.of("kind", "STATUS_UPDATE", "body", "Internal update of a public incident.", "visibility", "INTERNAL"));
        responder.addEntry(open, Map.of("kind", "NOTE", "body", "Public note of a public incident.", "visibility", "PUBLIC"));
        String internal = declareInternal(INTERNAL_TITLE);
        responder.postUpdate(internal, "Update of an internal incident, asked to be public.");

        for (String token : Arrays.asList(null, viewerToken)) {
            Json updates = api.graphql("{ publicUpdates(first: 200) { body kind visibility incident { number title } } }", Map.of(), token);
            assertThat(updates.<List<String>>read("$.data.publicUpdates[*].body")).containsExactly("Public update of a public incident.");
            assertThat(updates.body()).doesNotContain(INTERNAL_TITLE);
        }
    }

    @Test
    void entriesOfAnInternalIncident_areInternal_whateverVisibilityTheyWereGiven() {
        String internal = declareInternal(INTERNAL_TITLE);
        responder.postUpdate(internal, "Asked to be public.");

        assertThat(viewer.timeline(internal).<List<String>>read("$.data.incident.timeline.edges[*].node.visibility"))
                .isNotEmpty().containsOnly("INTERNAL");
    }

    @Test
    void serviceActiveIncidents_listsPublicIncidentsOnlyToAnonymousViewers() {
        declareInternal(INTERNAL_TITLE, "checkout");
        String open = responder.declare(PUBLIC_TITLE, "P3", "checkout");
        String query = "{ service(slug: \"checkout\") { activeIncidents { number title } } }";

        assertThat(api.graphql(query).<List<String>>read("$.data.service.activeIncidents[*].number")).containsExactly(open);
        assertThat(api.graphql(query, Map.of(), viewerToken).<List<String>>read("$.data.service.activeIncidents[*].title"))
                .containsExactlyInAnyOrder(PUBLIC_TITLE, INTERNAL_TITLE);
    }

    @Test
    void serviceStatusSignals_doNotNameAnInternalIncidentToAnonymousViewers() {
        String internal = declareInternal(INTERNAL_TITLE, "checkout");

        Json seen = api.graphql("{ service(slug: \"checkout\") { status statusSignals { source reason } } }");

        assertThat(seen.errorMessages()).isEmpty();
        assertThat(seen.<List<String>>read("$.data.service.statusSignals[*].source")).as("the impact still counts").contains("incident");
        assertThat(seen.<List<String>>read("$.data.service.statusSignals[*].reason"))
                .noneMatch(reason -> reason.contains(INTERNAL_TITLE) || reason.contains(internal));
    }

    @Test
    void statusPage_listsPublicActiveIncidentsOnly() {
        declareInternal(INTERNAL_TITLE, "checkout");
        String open = responder.declare(PUBLIC_TITLE, "P2", "checkout");

        Document page = statusPage.await(Duration.ofSeconds(10), "the public incident", shows(open));

        assertThat(page.select(".active-incidents .incident-card h3 a").eachAttr("href")).containsExactly("/incidents/" + open);
        assertThat(page.body().text()).doesNotContain(INTERNAL_TITLE);
    }

    @Test
    void statusPage_showsThePublicLatestUpdate_neverANewerInternalOne() {
        String open = responder.declare(PUBLIC_TITLE, "P2");
        responder.addEntry(open, Map.of("kind", "STATUS_UPDATE", "body", "Internal words.", "visibility", "INTERNAL"));
        responder.addEntry(open, Map.of("kind", "NOTE", "body", "A note, made public.", "visibility", "PUBLIC"));
        responder.addEntry(open, Map.of("kind", "STATUS_UPDATE", "body", "Public words.", "occurredAt", "2024-03-05T07:00:00Z"));

        Document page = statusPage.await(Duration.ofSeconds(10), "the public update",
                shown -> shown.select(".incident-update").text().contains("Public words."));

        assertThat(page.body().text()).doesNotContain("Internal words.", "A note, made public.");
    }

    @Test
    void publicPages_nameTheAffectedPublicServices_butNeverANonPublicOne() {
        createService(Map.of("name", "Ledger DB", "slug", "ledger-db", "public", false));
        String number = responder.declare(PUBLIC_TITLE, "P2", "checkout", "ledger-db");

        Document status = statusPage.await(Duration.ofSeconds(10), "the incident", shows(number));
        Document incident = page("/incidents/" + number);
        responder.resolve(number, "Fixed.");
        Document history = page("/history");

        assertThat(anonymous.incident(number, "affectedServices { service { name } }")
                .<List<String>>read("$.data.incident.affectedServices[*].service.name")).containsExactly("Checkout");
        assertThat(status.select(".incident-card .incident-status").text()).contains("· affects Checkout");
        assertThat(incident.select(".incident-status").text()).contains("· affects Checkout");
        assertThat(history.select("ol.history li .when").text()).contains("· Checkout");
        for (Document page : List.of(status, incident, history)) {
            assertThat(page.body().text()).doesNotContain("Ledger DB");
        }
    }

    @Test
    void history_listsPastPublicIncidentsOnly() {
        String internal = declareInternal(INTERNAL_TITLE);
        responder.resolve(internal, "Done.");
        String past = responder.declare(PUBLIC_TITLE, "P2");
        responder.resolve(past, "Fixed.");
        responder.declare("Still open", "P3");

        Document history = page("/history");

        assertThat(history.select("ol.history li a").eachText()).containsExactly(PUBLIC_TITLE);
        assertThat(history.select("ol.history li a").eachAttr("href")).containsExactly("/incidents/" + past);
        assertThat(history.body().text()).doesNotContain(INTERNAL_TITLE);
    }

    @Test
    void incidentPage_ofAnInternalIncident_isNotFound_likeOneThatDoesNotExist() {
        String internal = declareInternal(INTERNAL_TITLE);

        Json hidden = api.get("/incidents/" + internal, "Accept", "text/html");
        Json missing = api.get("/incidents/INC-999999", "Accept", "text/html");

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(INTERNAL_TITLE);
    }

    @Test
    void incidentPage_showsPublicStatusUpdatesOnly_newestFirst_inUtc_withAMachineReadableTimeForLocalDisplay() {
        String number = responder.declare(PUBLIC_TITLE, "P2");
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "First we looked.", "occurredAt", "2024-03-05T07:08:00Z"));
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Then we fixed it.", "occurredAt", "2024-03-05T21:30:00Z"));
        responder.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Internal draft.", "visibility", "INTERNAL",
                "occurredAt", "2024-03-05T22:00:00Z"));
        responder.addEntry(number, Map.of("kind", "NOTE", "body", "A public note.", "visibility", "PUBLIC",
                "occurredAt", "2024-03-05T23:00:00Z"));
        responder.addEntry(number, Map.of("kind", "ACTION", "body", "Restarted the pool.", "occurredAt", "2024-03-05T20:00:00Z"));

        Document page = page("/incidents/" + number);
        List<Element> updates = page.select("ol.updates > li");

        assertThat(page.select("h1").text()).isEqualTo(PUBLIC_TITLE);
        assertThat(updates).extracting(update -> update.select("div").text()).containsExactly("Then we fixed it.", "First we looked.");
        assertThat(updates).extracting(update -> update.select("time").text()).containsExactly("5 Mar 2024, 21:30 UTC", "5 Mar 2024, 07:08 UTC");
        assertThat(updates).extracting(update -> Instant.parse(update.select("time").attr("datetime")))
                .containsExactly(Instant.parse("2024-03-05T21:30:00Z"), Instant.parse("2024-03-05T07:08:00Z"));
        assertThat(updates).allSatisfy(update -> assertThat(update.select("time").hasAttr("data-local")).isTrue());
        assertThat(page.select("script[src]").eachAttr("src")).contains("/assets/local-time.js");
        assertThat(page.body().text()).doesNotContain("Internal draft.", "A public note.", "Restarted the pool.", "Declared P2");
    }

    @Test
    void incidentPage_showsARedactedUpdateAsWithdrawn_withoutItsWords() {
        String number = responder.declare(PUBLIC_TITLE, "P2");
        String update = responder.postUpdate(number, "Customer card numbers leaked into this text.");
        responder.mutate("redactTimelineEntry", "RedactTimelineEntryInput", Map.of("id", update), "entry { redacted }");

        Document page = page("/incidents/" + number);

        assertThat(page.select("ol.updates > li .redacted").text()).isEqualTo("This update was withdrawn.");
        assertThat(page.body().text()).doesNotContain("card numbers");
        assertThat(anonymous.timeline(number).<List<Object>>read("$.data.incident.timeline.edges[*].node.body")).containsOnlyNulls();
    }

    @Test
    void feed_carriesPublicUpdatesOfPublicIncidentsOnly() throws Exception {
        String open = responder.declare(PUBLIC_TITLE, "P2");
        responder.postUpdate(open, "Public words.");
        responder.addEntry(open, Map.of("kind", "STATUS_UPDATE", "body", "Internal words.", "visibility", "INTERNAL"));
        String internal = declareInternal(INTERNAL_TITLE);
        responder.postUpdate(internal, "Internal incident words.");

        Feed feed = feed();

        assertThat(feed.titles()).containsExactly(PUBLIC_TITLE + ": Investigating");
        assertThat(feed.contents()).containsExactly("<p>Public words.</p>");
        assertThat(feed.raw()).doesNotContain(INTERNAL_TITLE, "Internal words.", "Internal incident words.", "/incidents/" + internal + "#");
    }

    @Test
    void incidentSwitchedFromPublicToInternal_disappearsFromEveryPublicPlace() throws Exception {
        String number = responder.declare(PUBLIC_TITLE, "P2", "checkout");
        responder.postUpdate(number, "We are on it.");
        statusPage.await(Duration.ofSeconds(10), "the incident", shows(number));
        assertThat(api.get("/incidents/" + number).status()).isEqualTo(200);
        assertThat(feed().titles()).hasSize(1);

        responder.change("updateIncident", "UpdateIncidentInput", Map.of("number", number, "visibility", "INTERNAL"));

        Document page = statusPage.await(Duration.ofSeconds(10), "no active incident", p -> p.select(".active-incidents").isEmpty());
        assertThat(page.body().text()).doesNotContain(PUBLIC_TITLE, "We are on it.");
        assertThat(api.get("/incidents/" + number).status()).isEqualTo(404);
        assertThat(feed().raw()).doesNotContain(PUBLIC_TITLE, "We are on it.");
        assertThat(anonymous.incident(number, "number").<Object>read("$.data.incident")).isNull();
        assertThat(numbers(null, "")).isEmpty();
        assertThat(api.graphql("{ publicUpdates { body } }").<List<?>>read("$.data.publicUpdates")).isEmpty();
        responder.resolve(number, "Fixed.");
        assertThat(page("/history").body().text()).doesNotContain(PUBLIC_TITLE);
    }

    @Test
    void postmortemExport_needsASessionOrAToken() {
        String internal = declareInternal(INTERNAL_TITLE);
        responder.addEntry(internal, Map.of("kind", "NOTE", "body", "The internal note."));
        String open = responder.declare(PUBLIC_TITLE, "P2");

        Json anonymousPublic = api.get("/incidents/" + open + "/postmortem.md");
        Json anonymousInternal = api.get("/incidents/" + internal + "/postmortem.md");
        Json badToken = api.get("/incidents/" + internal + "/postmortem.md", "Authorization", "Bearer not-a-token");
        Json withToken = api.get("/incidents/" + internal + "/postmortem.md", "Authorization", "Bearer " + viewerToken);
        Json unknown = api.get("/incidents/INC-999999/postmortem.md", "Authorization", "Bearer " + viewerToken);

        assertThat(anonymousPublic.status()).isEqualTo(401);
        assertThat(anonymousInternal.status()).isEqualTo(401);
        assertThat(anonymousInternal.body()).doesNotContain(INTERNAL_TITLE, "The internal note.");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.body()).doesNotContain(INTERNAL_TITLE);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.body()).contains("# " + internal + ": " + INTERNAL_TITLE, "The internal note.", "(internal)");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void postmortemExport_isServedToAConsoleSession() {
        String internal = declareInternal(INTERNAL_TITLE);
        ConsoleBrowser browser = ConsoleBrowser.signedInAs(Role.VIEWER, api, accounts);

        ConsoleBrowser.Page export = browser.get("/incidents/" + internal + "/postmortem.md");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).startsWith("# " + internal + ": " + INTERNAL_TITLE);
    }

    private String declareInternal(String title, String... services) {
        return responder.declare(Map.of("title", title, "severity", "P2", "visibility", "INTERNAL", "services", List.of(services),
                "message", "Internal first update of " + title));
    }

    /** The numbers of the incidents the token's viewer (null: anonymous) lists, newest first. */
    private List<String> numbers(String token, String arguments) {
        return incidents(token, arguments).read("$.data.incidents.edges[*].node.number");
    }

    private int totalCount(String token) {
        return incidents(token, "").read("$.data.incidents.totalCount");
    }

    private Json incidents(String token, String arguments) {
        Json found = api.graphql("{ incidents" + arguments + " { totalCount edges { node { number title } } } }", Map.of(), token);
        assertThat(found.errorMessages()).as(found.toString()).isEmpty();
        return found;
    }

    private Document page(String path) {
        Json response = api.get(path, "Accept", "text/html");
        assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri(path).toString());
    }

    private Feed feed() throws Exception {
        Json response = api.get("/feed.atom");
        assertThat(response.status()).isEqualTo(200);
        return Feed.parse(response.body());
    }

    /** Whether the status page lists this incident among the active ones. */
    private static Predicate<Document> shows(String number) {
        return page -> page.select(".active-incidents .incident-card h3 a").eachAttr("href").contains("/incidents/" + number);
    }

    /** The Atom feed's entries: titles, and content as the HTML a feed reader would show. */
    record Feed(String raw, List<String> titles, List<String> contents) {

        static Feed parse(String xml) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            org.w3c.dom.Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            NodeList entries = document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
            List<String> titles = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            for (int i = 0; i < entries.getLength(); i++) {
                org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
                titles.add(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent());
                contents.add(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent().trim());
            }
            return new Feed(xml, titles, contents);
        }
    }
}
