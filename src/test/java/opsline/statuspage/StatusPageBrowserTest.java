package opsline.statuspage;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static opsline.statuspage.StatusPageReader.showsStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The status page as a person sees it: headless Debian Chromium, driven by playwright-core from
 * {@code src/test/browser/status-page.mjs}, loads it, screenshots it and reports what it shows.
 */
@MicronautTest(transactional = false)
class StatusPageBrowserTest extends AdminApiTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src", "test", "browser");
    private static final Path SCRIPT = BROWSER_TESTS.resolve("status-page.mjs");
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "status-page.png");
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;
    private static final long MIN_SCREENSHOT_BYTES = 8 * 1024;

    @Test
    void browser_seesTheTitleSummaryAndServicesInOrder_andTakesAScreenshot() throws IOException, InterruptedException {
        requireBrowserTools();
        createService(Map.of("name", "Website", "description", "The shop front"));
        createService(Map.of("name", "Checkout API", "description", "Takes payments", "group", "Core"));
        createService(Map.of("name", "Search", "group", "Core", "position", 1));
        setStatus("search", "PARTIAL_OUTAGE");
        new StatusPageReader(api).await("Search in partial outage", showsStatus("Search", "Partial outage"));
        Files.deleteIfExists(SCREENSHOT);

        BrowserRun run = runScript(api.uri("/").toString(), SCREENSHOT);

        assertThat(run.exitCode()).as("exit code of the browser script; its output:%n%s", run).isZero();
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).as("screenshot size in bytes").isGreaterThan(MIN_SCREENSHOT_BYTES);
        assertThat(Files.readAllBytes(SCREENSHOT)).as("PNG signature").startsWith(0x89, 'P', 'N', 'G');
        DocumentContext seen = JsonPath.parse(run.lastLine());
        assertThat(seen.read("$.title", String.class)).isEqualTo("Acme Status");
        assertThat(seen.read("$.summary", String.class)).isEqualTo("Partial System Outage");
        assertThat(seen.<List<String>>read("$.services")).containsExactly("Website", "Checkout API", "Search");
    }

    /** The script's exit code and output. */
    record BrowserRun(int exitCode, String stdout, String stderr) {

        String lastLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("the browser script's output; stderr:%n%s", stderr).isNotEmpty();
            return lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static void requireBrowserTools() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install Debian's Chromium with `apt-get install -y chromium fonts-liberation`.");
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules").resolve("playwright-core"))) {
            fail(BROWSER_TESTS.resolve("node_modules") + " is missing playwright-core: run `npm ci --prefix src/test/browser`"
                    + " (Node.js and npm come with `apt-get install -y nodejs npm`).");
        }
    }

    private static BrowserRun runScript(String baseUrl, Path screenshot) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("status-page-browser", ".out");
        Path stderr = Files.createTempFile("status-page-browser", ".err");
        Process process;
        try {
            process = new ProcessBuilder("node", SCRIPT.toString(), baseUrl, screenshot.toString())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not start `node`: install Node.js with `apt-get install -y nodejs npm`", e);
        }
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("the browser script did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s; stderr:\n" + Files.readString(stderr));
            }
            return new BrowserRun(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
