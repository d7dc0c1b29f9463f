package opsline.statuspage;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.BrowserScript;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static opsline.statuspage.StatusPageReader.showsStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page as a person sees it: headless Debian Chromium, driven by playwright-core from
 * {@code src/test/browser/status-page.mjs}, loads it, screenshots it and reports what it shows.
 */
@MicronautTest(transactional = false)
class StatusPageBrowserTest extends AdminApiTest {

    private static final Path SCREENSHOT = BrowserScript.SCREENSHOTS.resolve("status-page.png");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void browser_seesTheTitleSummaryAndServicesInOrder_andTakesAScreenshot() throws IOException, InterruptedException {
        BrowserScript.requireBrowserTools();
        createService(Map.of("name", "Website", "description", "The shop front"));
        createService(Map.of("name", "Checkout API", "description", "Takes payments", "group", "Core"));
        createService(Map.of("name", "Search", "group", "Core", "position", 1));
        setStatus("search", "PARTIAL_OUTAGE");
        new StatusPageReader(api).await("Search in partial outage", showsStatus("Search", "Partial outage"));
        Files.deleteIfExists(SCREENSHOT);

        BrowserScript.Run run = BrowserScript.run("status-page.mjs", SCRIPT_TIMEOUT, api.uri("/").toString(), SCREENSHOT.toString());

        assertThat(run.exitCode()).as("exit code of the browser script; its output:%n%s", run).isZero();
        BrowserScript.assertScreenshot(SCREENSHOT);
        DocumentContext seen = JsonPath.parse(run.lastLine());
        assertThat(seen.read("$.title", String.class)).isEqualTo("Acme Status");
        assertThat(seen.read("$.summary", String.class)).isEqualTo("Partial System Outage");
        assertThat(seen.<List<String>>read("$.services")).containsExactly("Website", "Checkout API", "Search");
    }
}
