package opsline.statuspage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.console.ConsoleBrowser;
import opsline.incident.IncidentApi;
import opsline.security.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The public incident pages, the Atom feed, the post-mortem export and the console's live timeline, over
 * real HTTP: what anonymous readers, feed readers and signed-in responders get.
 */
@MicronautTest(transactional = false)
class IncidentPagesTest extends AdminApiTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final Duration EVENT_ARRIVES_WITHIN = Duration.ofSeconds(5);

    private IncidentApi incidents;

    @BeforeEach
    void twoServices() {
        createService(Map.of("name", "Checkout API"));
        createService(Map.of("name", "Search"));
        incidents = new IncidentApi(api, admin);
    }

    @Test
    void publicIncidentPage_showsItsStatusUpdatesNewestFirst_withTimesInUtc() {
        String number = incidents.declare(Map.of("title", "Checkout failing", "severity", "P2", "services", List.of("checkout-api"),
                "message", "We are investigating."));
        Instant earlier = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        incidents.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Reports of failed payments came in.", "visibility", "PUBLIC",
                "occurredAt", earlier.toString()));
        incidents.changeStatus(number, "IDENTIFIED", "A fix is on the way.");
        incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Responders only: blame the cache."));

        Json response = api.get("/incidents/" + number, "Accept", "text/html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("h1").text()).isEqualTo("Checkout failing");
        assertThat(page.select(".incident-status").text()).contains(number).contains("affects Checkout API");
        List<Element> updates = page.select("ol.updates > li");
        assertThat(updates).extracting(update -> update.select("div").text())
                .containsExactly("A fix is on the way.", "We are investigating.", "Reports of failed payments came in.");
        assertThat(updates.get(0).select("h3").text()).isEqualTo("Identified");
        assertThat(Instant.parse(updates.get(2).select("time").attr("datetime"))).isEqualTo(earlier);
        for (Element time : page.select("time")) {
            Instant instant = Instant.parse(time.attr("datetime"));
            assertThat(time.text()).as("the text of %s", time).isEqualTo(UTC_TIME.format(instant.atOffset(ZoneOffset.UTC)));
        }
        assertThat(response.body()).doesNotContain("blame the cache");
    }

    @Test
    void unknownAndInternalIncidents_areNotFoundPublicly() {
        String internal = incidents.declare(Map.of("title", "Secret database migration", "severity", "P3", "visibility", "INTERNAL"));

        Json unknown = api.get("/incidents/INC-99999", "Accept", "text/html");
        Json hidden = api.get("/incidents/" + internal, "Accept", "text/html");

        for (Json notFound : List.of(unknown, hidden)) {
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(Jsoup.parse(notFound.body()).select("h1").text()).isEqualTo("Page not found");
        }
        assertThat(hidden.body()).doesNotContain("Secret database migration");
    }

    @Test
    void history_listsResolvedPublicIncidents_withHowLongTheyLasted() {
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String resolved = incidents.declare(Map.of("title", "Search was slow", "severity", "P3", "services", List.of("search"),
                "startedAt", threeHoursAgo.toString()));
        incidents.resolve(resolved, "Search is fast again.");
        String internal = incidents.declare(Map.of("title", "Internal hiccup", "severity", "P4", "visibility", "INTERNAL"));
        incidents.resolve(internal, "Gone.");
        incidents.declare("Checkout still failing", "P1", "checkout-api");

        Json response = api.get("/history", "Accept", "text/html");

        assertThat(response.status()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        List<Element> items = page.select("ol.history > li");
        assertThat(items).extracting(item -> item.select("a").text()).containsExactly("Search was slow");
        Element item = items.get(0);
        assertThat(item.select("a").attr("href")).isEqualTo("/incidents/" + resolved);
        assertThat(Instant.parse(item.select("time").attr("datetime"))).isEqualTo(threeHoursAgo);
        assertThat(item.select(".when").text()).contains("· resolved after 3 h 0 min").contains("· Search");
    }

    @Test
    void atomFeed_isValidAtom_withOneEntryPerPublicStatusUpdate() throws Exception {
        String number = incidents.declare(Map.of("title", "Checkout failing", "severity", "P2", "services", List.of("checkout-api"),
                "message", "We are investigating."));
        String oldest = incidents.addEntry(number, Map.of("kind", "STATUS_UPDATE", "body", "Reports came in.", "visibility", "PUBLIC",
                "occurredAt", Instant.now().minus(Duration.ofMinutes(30)).toString()));
        incidents.changeStatus(number, "MONITORING", "A fix is **live**.");
        incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Not for the feed."));
        String internal = incidents.declare(Map.of("title", "Internal hiccup", "severity", "P4", "visibility", "INTERNAL"));
        incidents.postUpdate(internal, "Also not for the feed.");
        // Correcting the oldest update makes it the most recently changed entry.
        Json edited = incidents.mutate("editTimelineEntry", "EditTimelineEntryInput",
                Map.of("id", oldest, "expectedVersion", 1, "body", "Reports of failed payments came in."), "entry { version }");
        assertThat(edited.<Integer>read("$.data.editTimelineEntry.entry.version")).isEqualTo(2);

        Json response = api.get("/feed.atom");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Element feed = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, "id")).endsWith("/feed.atom");
        assertThat(child(feed, "title")).isEqualTo("Acme status: incident updates");
        Instant feedUpdated = Instant.parse(child(feed, "updated"));
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        List<String> contents = new ArrayList<>();
        HashSet<String> ids = new HashSet<>();
        Instant latestEntryUpdate = Instant.EPOCH;
        for (int i = 0; i < entries.getLength(); i++) {
            org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
            assertThat(ids.add(child(entry, "id"))).as("entry ids are unique").isTrue();
            assertThat(child(entry, "title")).startsWith("Checkout failing: ");
            org.w3c.dom.Element link = (org.w3c.dom.Element) entry.getElementsByTagNameNS(ATOM, "link").item(0);
            assertThat(link.getAttribute("rel")).isEqualTo("alternate");
            assertThat(link.getAttribute("href")).endsWith("/incidents/" + number);
            Instant updated = Instant.parse(child(entry, "updated"));
            latestEntryUpdate = updated.isAfter(latestEntryUpdate) ? updated : latestEntryUpdate;
            Instant.parse(child(entry, "published"));
            contents.add(Jsoup.parse(child(entry, "content")).text());
        }
        assertThat(contents).containsExactly("A fix is live.", "We are investigating.", "Reports of failed payments came in.");
        assertThat(child((org.w3c.dom.Element) entries.item(0), "title")).isEqualTo("Checkout failing: Monitoring");
        assertThat(feedUpdated).as("the feed's updated time is its latest change (RFC 4287 4.2.15)").isEqualTo(latestEntryUpdate);
    }

    @Test
    void postmortemExport_isMarkdownForTokensAndConsoleSessions_andRefusedAnonymously() {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        incidents.addEntry(number, Map.of("kind", "ACTION", "body", "Rolled back deploy 42."));
        incidents.change("updatePostmortem", "UpdatePostmortemInput", Map.of("number", number, "summary", "Payments failed for 20 minutes.",
                "rootCause", "An expired certificate.", "wentWell", "Fast rollback."));
        Json item = incidents.mutate("addActionItem", "AddActionItemInput", Map.of("number", number, "title", "Alert on expiry"),
                "actionItem { id }");
        assertThat(item.<List<?>>read("$.data.addActionItem.userErrors")).isEmpty();
        String path = "/incidents/" + number + "/postmortem.md";

        Json withToken = api.get(path, "Authorization", "Bearer " + admin);

        assertThat(withToken.status()).as("%s", withToken).isEqualTo(200);
        assertThat(withToken.header("Content-Type")).startsWith("text/markdown");
        String markdown = withToken.body();
        assertThat(markdown).startsWith("# " + number + ": Checkout failing\n")
                .contains("| Severity | P2 |")
                .contains("\n## Summary\n\nPayments failed for 20 minutes.\n")
                .contains("\n## Impact\n\n_Not written yet._\n")
                .contains("\n## Root cause\n\nAn expired certificate.\n")
                .contains("\n## What went well\n\nFast rollback.\n")
                .contains("\n## What went wrong\n\n_Not written yet._\n")
                .contains("\n## Action items\n\n- [ ] Alert on expiry\n")
                .contains("\n## Timeline\n\n");
        String timeline = markdown.substring(markdown.indexOf("## Timeline"));
        assertThat(timeline.indexOf("STATUS_CHANGE (internal)")).as("oldest first").isPositive()
                .isLessThan(timeline.indexOf("ACTION (internal), "));
        assertThat(timeline).contains("ACTION (internal), " + nameOf(admin) + ": Rolled back deploy 42.");

        String password = "correct horse battery staple";
        String responder = accounts.userWithPassword(Role.RESPONDER, password);
        ConsoleBrowser.Page withSession = ConsoleBrowser.signedIn(api.uri("/"), responder, password).get(path);
        assertThat(withSession.status()).isEqualTo(200);
        assertThat(withSession.body()).isEqualTo(markdown);

        assertThat(api.get(path).status()).as("anonymous").isEqualTo(401);
        assertThat(api.get(path, "Authorization", "Bearer not-a-token").status()).as("a made-up token").isEqualTo(401);
        assertThat(api.get("/incidents/INC-99999/postmortem.md", "Authorization", "Bearer " + admin).status()).isEqualTo(404);
    }

    @Test
    void liveTimeline_sendsAChangedEvent_whenAnEntryIsAddedToItsIncident_only() throws Exception {
        String number = incidents.declare("Checkout failing", "P2", "checkout-api");
        String other = incidents.declare("Search slow", "P3", "search");
        String password = "correct horse battery staple";
        ConsoleBrowser browser = ConsoleBrowser.signedIn(api.uri("/"), accounts.userWithPassword(Role.RESPONDER, password), password);
        assertThat(statusOf(new ConsoleBrowser(api.uri("/")), "/console/incidents/" + number + "/live")).as("anonymous").isEqualTo(401);
        assertThat(statusOf(browser, "/console/incidents/INC-99999/live")).isEqualTo(404);

        try (LiveStream live = new LiveStream(browser, number); LiveStream otherLive = new LiveStream(browser, other)) {
            incidents.addEntry(other, Map.of("kind", "NOTE", "body", "Another incident's note."));
            String otherEvent = otherLive.nextChange();
            incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Rolled back."));

            String event = live.nextChange();

            // Events reach every stream in the order they happened: had the other incident's event been let
            // through, it would have come first.
            assertThat(Long.parseLong(event)).as("the event id").isGreaterThan(Long.parseLong(otherEvent));
        }
    }

    /** An open {@code /console/incidents/{n}/live} stream, its lines read as they arrive. */
    private static final class LiveStream implements AutoCloseable {

        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        LiveStream(ConsoleBrowser browser, String number) throws Exception {
            response = browser.stream("/console/incidents/" + number + "/live", "text/event-stream");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            reader = new Thread(this::readLines, "live-timeline-" + number);
            reader.setDaemon(true);
            reader.start();
        }

        /** The data of the next event, which must be a {@code changed} event; fails when none arrives in time. */
        String nextChange() throws InterruptedException {
            long deadline = System.nanoTime() + EVENT_ARRIVES_WITHIN.toNanos();
            List<String> event = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                if (line.isEmpty() && !event.isEmpty()) {
                    assertThat(event).first().isEqualTo("event: changed");
                    String data = event.stream().filter(field -> field.startsWith("data:")).findFirst().orElseThrow();
                    assertThat(data).matches("data: ?\\d+");
                    return data.substring("data:".length()).trim();
                }
                if (!line.isEmpty() && !line.startsWith(":")) {
                    event.add(line);
                }
            }
            return fail("no event within " + EVENT_ARRIVES_WITHIN + "; got " + event);
        }

        private void readLines() {
            try {
                response.body().forEach(lines::add);
            } catch (UncheckedIOException closed) {
                // The test closed the stream.
            }
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    private static int statusOf(ConsoleBrowser browser, String path) throws Exception {
        HttpResponse<Stream<String>> response = browser.stream(path, "text/event-stream");
        response.body().close();
        return response.statusCode();
    }

    private static String child(org.w3c.dom.Element parent, String name) {
        NodeList children = parent.getElementsByTagNameNS(ATOM, name);
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getParentNode() == parent) {
                return children.item(i).getTextContent();
            }
        }
        return fail("no <" + name + "> in <" + parent.getLocalName() + ">");
    }
}
