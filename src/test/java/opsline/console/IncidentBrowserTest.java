package opsline.console;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.BrowserScript;
import opsline.Json;
import opsline.incident.IncidentApi;
import opsline.security.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commander's incident in a real browser: headless Debian Chromium, driven by playwright-core from
 * {@code src/test/browser/incident-console.mjs}, signs in, declares, updates and edits through the
 * console's forms, watches a note added through the API appear live, and looks at the public pages.
 */
@MicronautTest(transactional = false)
class IncidentBrowserTest extends AdminApiTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> SCREENSHOTS = List.of("incident-console.png", "incident-public.png", "incident-status-page.png");
    private static final String TITLE = "Payments failing at checkout";
    private static final String EDITED = "We rolled back the payments deploy; payments work again.";
    private static final String LIVE_NOTE = "Added through the API while the page was open.";

    @Test
    void commander_declaresUpdatesAndEdits_andThePublicPagesAndTheLiveConsoleShowIt() throws IOException, InterruptedException {
        BrowserScript.requireBrowserTools();
        createService(Map.of("name", "Checkout API", "description", "Takes payments"));
        createService(Map.of("name", "Search"));
        String password = "correct horse battery staple";
        String commander = accounts.userWithPassword(Role.RESPONDER, password);
        String responderToken = accounts.tokenFor(Role.RESPONDER);
        for (String screenshot : SCREENSHOTS) {
            Files.deleteIfExists(BrowserScript.SCREENSHOTS.resolve(screenshot));
        }

        BrowserScript.Run run = BrowserScript.run("incident-console.mjs", SCRIPT_TIMEOUT, api.uri("/").toString().replaceAll("/$", ""),
                commander, password, responderToken, BrowserScript.SCREENSHOTS.toString());

        assertThat(run.exitCode()).as("exit code of the browser script; its output:%n%s", run).isZero();
        DocumentContext seen = JsonPath.parse(run.lastLine());
        String number = seen.read("$.number", String.class);
        assertThat(number).matches("INC-\\d+");
        assertThat(seen.read("$.liveStatus", Integer.class)).isEqualTo(200);
        assertThat(seen.read("$.liveContentType", String.class)).startsWith("text/event-stream");
        assertThat(seen.read("$.notReloaded", Boolean.class)).as("the note appeared without reloading the page").isTrue();
        assertThat(seen.<List<String>>read("$.consoleTimeline")).contains(LIVE_NOTE, EDITED);
        assertThat(seen.read("$.publicPage.title", String.class)).isEqualTo(TITLE);
        assertThat(seen.read("$.publicPage.status", String.class)).contains(number).contains("affects Checkout API");
        assertThat(seen.<List<String>>read("$.publicPage.updates")).containsExactly(EDITED);
        assertThat(seen.<List<String>>read("$.statusPage.incidents")).containsExactly(TITLE);
        assertThat(seen.read("$.statusPage.latestUpdate", String.class)).startsWith(EDITED);
        assertThat(seen.read("$.statusPage.summary", String.class)).isNotBlank();

        IncidentApi incidents = new IncidentApi(api, admin);
        Json incident = incidents.incident(number, IncidentApi.INCIDENT);
        assertThat(incident.<String>read("$.data.incident.severity")).isEqualTo("P1");
        assertThat(incident.<String>read("$.data.incident.declaredBy")).isEqualTo(commander);
        assertThat(incident.<List<String>>read("$.data.incident.affectedServices[*].service.slug")).containsExactly("checkout-api");
        List<Map<String, Object>> updates = incidents.timeline(number)
                .read("$.data.incident.timeline.edges[?(@.node.kind == 'STATUS_UPDATE')].node");
        assertThat(updates).singleElement().satisfies(update -> assertThat(update).containsEntry("body", EDITED)
                .containsEntry("visibility", "PUBLIC").containsEntry("version", 2));
        for (String screenshot : SCREENSHOTS) {
            BrowserScript.assertScreenshot(BrowserScript.SCREENSHOTS.resolve(screenshot));
        }
    }
}
