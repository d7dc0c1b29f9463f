package opsline.incident;

import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.console.ConsoleBrowser;
import opsline.security.Role;
import opsline.statuspage.StatusPageReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Timeline bodies and incident titles are written by people under stress, often pasted from tools, and
 * shown to the public. Whatever they hold, no script runs: not in the API's bodyHtml, not on the public
 * pages, the feed or the console. The Markdown export stays raw text.
 */
@MicronautTest(transactional = false)
class MarkdownSafetyTest extends AdminApiTest {

    private static final List<String> ATTACKS = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example/\"></iframe>");
    private static final String ALL_ATTACKS = String.join("\n\n", ATTACKS);
    private static final String MARKUP_TITLE = "<script>alert('title')</script><b onmouseover=alert(2)>Payments</b> failing";
    /** Attributes whose value a browser may follow as a URL. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background");

    private IncidentApi responder;
    private String viewerToken;

    @BeforeEach
    void setUp() {
        responder = new IncidentApi(api, accounts.tokenFor(Role.RESPONDER));
        viewerToken = accounts.tokenFor(Role.VIEWER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "[upper](JaVaScRiPt:alert(1))",
            "[spaced]( javascript:alert(1) )",
            "[entity](&#106;avascript:alert(1))",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![image](javascript:alert(1))",
            "<javascript:alert(1)>",
            "<details open ontoggle=alert(1)>x</details>",
            "[ref]\n\n[ref]: javascript:alert(1)",
            "| a |\n|---|\n| <img src=x onerror=alert(1)> |"})
    void bodyHtml_ofAnyBody_holdsNoScriptNoHandlerNoJavascriptUrl(String body) {
        String number = responder.declare("Payments failing", "P2");
        responder.postUpdate(number, body);

        Json entries = api.graphql("query ($number: String!) { incident(number: $number) { timeline(kinds: [STATUS_UPDATE]) "
                + "{ edges { node { body bodyHtml } } } } }", Map.of("number", number), null);
        String html = entries.read("$.data.incident.timeline.edges[0].node.bodyHtml");

        assertThat(entries.<String>read("$.data.incident.timeline.edges[0].node.body")).as("body stays as written").isEqualTo(body.trim());
        Element rendered = Jsoup.parseBodyFragment(html).body();
        assertNoActiveContent(rendered, "bodyHtml " + html);
        assertThat(rendered.select("script, img, svg, iframe, object, embed, details")).as(html).isEmpty();
        assertThat(rendered.select("a[href]").eachAttr("href")).as(html).allMatch(href -> href.startsWith("https:") || href.startsWith("http:"));
    }

    @Test
    void bodiesAndTitles_onThePublicIncidentPage_areShownAsText() {
        String number = incidentFullOfAttacks();

        Document page = page("/incidents/" + number);

        assertNoActiveContent(page, "/incidents/" + number);
        assertThat(page.select("script").eachAttr("src")).containsExactly("/assets/local-time.js");
        assertThat(page.select("h1").text()).isEqualTo(MARKUP_TITLE);
        assertThat(page.title()).isEqualTo(MARKUP_TITLE + " · Acme Status");
        assertThat(page.select("ol.updates > li")).hasSize(ATTACKS.size() + 1);
        assertThat(page.select("ol.updates").text()).contains("<script>alert(1)</script>", "<svg onload=alert(1)>");
    }

    @Test
    void bodiesAndTitles_onTheStatusPage_areShownAsText() {
        String number = incidentFullOfAttacks();

        Document page = new StatusPageReader(api).await(Duration.ofSeconds(10), "the incident",
                shown -> shown.select(".incident-card h3 a").eachAttr("href").contains("/incidents/" + number));

        assertNoActiveContent(page, "/");
        assertThat(page.select("script").eachAttr("src")).containsExactly("/assets/local-time.js");
        assertThat(page.select(".incident-update").text()).contains("<script>alert(1)</script>", "<iframe");
    }

    @Test
    void titles_inTheHistory_areShownAsText() {
        String number = incidentFullOfAttacks();
        responder.resolve(number, ALL_ATTACKS);

        Document history = page("/history");

        assertNoActiveContent(history, "/history");
        assertThat(history.select("script").eachAttr("src")).containsExactly("/assets/local-time.js");
        assertThat(history.select("ol.history li a").eachText()).containsExactly(MARKUP_TITLE);
    }

    @Test
    void feedEntries_carryBodiesAsEscapedHtmlThatHoldsNoScript_andTitlesAsText() throws Exception {
        String number = incidentFullOfAttacks();
        responder.resolve(number, ALL_ATTACKS);

        Json response = api.get("/feed.atom");
        org.w3c.dom.Document feed = parseXml(response.body());
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");

        assertThat(response.status()).isEqualTo(200);
        assertThat(feed.getElementsByTagNameNS("*", "script").getLength()).as("no script element in the XML itself").isZero();
        assertThat(entries.getLength()).isEqualTo(ATTACKS.size() + 2);
        for (int i = 0; i < entries.getLength(); i++) {
            org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
            org.w3c.dom.Element title = (org.w3c.dom.Element) entry.getElementsByTagNameNS("*", "title").item(0);
            org.w3c.dom.Element content = (org.w3c.dom.Element) entry.getElementsByTagNameNS("*", "content").item(0);
            assertThat(title.getAttribute("type")).as("a title is a text construct").isIn("", "text");
            assertThat(title.getTextContent()).startsWith(MARKUP_TITLE + ": ");
            assertThat(content.getAttribute("type")).isEqualTo("html");
            assertThat(content.getElementsByTagName("*").getLength()).as("content is escaped, not inline XML").isZero();
            String html = content.getTextContent();
            assertNoActiveContent(Jsoup.parseBodyFragment(html).body(), "feed content " + html);
            assertThat(Jsoup.parseBodyFragment(html).select("script, img, svg, iframe")).as(html).isEmpty();
        }
    }

    @Test
    void bodiesAndTitles_onTheConsoleIncidentPage_areShownAsText() {
        String number = incidentFullOfAttacks();
        responder.addEntry(number, Map.of("kind", "NOTE", "body", ALL_ATTACKS));
        ConsoleBrowser browser = ConsoleBrowser.signedInAs(Role.RESPONDER, api, accounts);

        ConsoleBrowser.Page shown = browser.get("/console/incidents/" + number);
        assertThat(shown.status()).as("the console incident page: %s", shown).isEqualTo(200);
        Document page = shown.document();

        assertNoActiveContent(page, "/console/incidents/" + number);
        assertThat(page.select("script").eachAttr("src")).containsExactly("/assets/console.js");
        assertThat(page.select("h1").text()).isEqualTo(number + " " + MARKUP_TITLE);
        assertThat(page.select(".entry-body").text()).contains("<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
        assertThat(page.select("textarea").eachText()).as("edit forms hold the raw Markdown as text").contains(ALL_ATTACKS);
    }

    @Test
    void postmortemExport_isRawMarkdownText_notRenderedHtml() {
        String number = incidentFullOfAttacks();
        responder.change("updatePostmortem", "UpdatePostmortemInput", Map.of("number", number, "summary", ALL_ATTACKS));

        Json export = api.get("/incidents/" + number + "/postmortem.md", "Authorization", "Bearer " + viewerToken);

        assertThat(export.status()).isEqualTo(200);
        assertThat(MediaType.of(export.header("Content-Type")).getName()).isEqualTo("text/markdown");
        assertThat(export.body()).startsWith("# " + number + ": " + MARKUP_TITLE + "\n");
        assertThat(export.body()).contains("## Summary\n\n" + ALL_ATTACKS + "\n");
        assertThat(export.body()).as("raw, neither escaped nor rendered").doesNotContain("&lt;", "<p>", "rel=\"nofollow");
    }

    @Test
    void ordinaryMarkdown_rendersBoldLinksListsAndCode_inTheApiAndOnThePublicPage() {
        String number = responder.declare("Payments failing", "P2");
        responder.postUpdate(number, """
                **Payments** are failing; see [the status](https://example.com/status) and <https://example.com/raw>.

                - retries are on
                - refunds are queued

                Run `SELECT 1` or:

                ```
                curl -s https://example.com/health
                ```""");

        String html = api.graphql("query ($number: String!) { incident(number: $number) { latestUpdate { bodyHtml } } }",
                Map.of("number", number), null).read("$.data.incident.latestUpdate.bodyHtml");
        Element update = page("/incidents/" + number).select("ol.updates > li > div").first();

        for (Element rendered : List.of(Jsoup.parseBodyFragment(html).body(), update)) {
            assertThat(rendered.select("strong").text()).isEqualTo("Payments");
            assertThat(rendered.select("a").eachAttr("href")).containsExactly("https://example.com/status", "https://example.com/raw");
            assertThat(rendered.select("a").first().text()).isEqualTo("the status");
            assertThat(rendered.select("a").eachAttr("rel")).containsOnly("nofollow noopener noreferrer");
            assertThat(rendered.select("ul > li").eachText()).containsExactly("retries are on", "refunds are queued");
            assertThat(rendered.select("p > code").text()).isEqualTo("SELECT 1");
            assertThat(rendered.select("pre > code").text()).isEqualTo("curl -s https://example.com/health");
        }
    }

    /** A public incident titled with markup, with one status update per attack and a last one holding them all. */
    private String incidentFullOfAttacks() {
        String number = responder.declare(MARKUP_TITLE, "P2");
        for (String attack : ATTACKS) {
            responder.postUpdate(number, attack);
        }
        responder.postUpdate(number, ALL_ATTACKS);
        return number;
    }

    private Document page(String path) {
        Json response = api.get(path, "Accept", "text/html");
        assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri(path).toString());
    }

    private static org.w3c.dom.Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Fails if the HTML could run a script: an inline script (one without src), an iframe, object or embed,
     * an event handler attribute, or a javascript: or data: URL.
     */
    static void assertNoActiveContent(Element root, String where) {
        List<String> found = new ArrayList<>();
        for (Element element : root.getAllElements()) {
            if (element.nameIs("script") && element.attr("src").isBlank()) {
                found.add("inline script " + element.outerHtml());
            }
            if (element.nameIs("iframe") || element.nameIs("object") || element.nameIs("embed")) {
                found.add("embedded " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    found.add("handler " + name + " on " + element.tagName());
                }
                String url = attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                if (URL_ATTRIBUTES.contains(name) && (url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:"))) {
                    found.add(name + "=" + attribute.getValue() + " on " + element.tagName());
                }
            }
        }
        if (!found.isEmpty()) {
            fail(where + " holds active content: " + found);
        }
    }
}
