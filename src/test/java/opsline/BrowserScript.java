package opsline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a script of {@code src/test/browser/} with Node.js: the scripts drive headless Debian Chromium
 * through playwright-core, save screenshots under {@link #SCREENSHOTS} and print what they saw as one
 * JSON line, which the Java browser tests assert on.
 */
public final class BrowserScript {

    /** Where browser tests save their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src", "test", "browser");
    private static final long MIN_SCREENSHOT_BYTES = 8 * 1024;

    private BrowserScript() {
    }

    /** Fails, saying what to install, unless Chromium and playwright-core are there. */
    public static void requireBrowserTools() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install Debian's Chromium with `apt-get install -y chromium fonts-liberation`.");
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules").resolve("playwright-core"))) {
            fail(BROWSER_TESTS.resolve("node_modules") + " is missing playwright-core: run `npm ci --prefix src/test/browser`"
                    + " (Node.js and npm come with `apt-get install -y nodejs npm`).");
        }
    }

    /** Runs {@code node src/test/browser/<script> <arguments>}, failing the test when it has not finished in time. */
    public static Run run(String script, Duration timeout, String... arguments) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("browser-script", ".out");
        Path stderr = Files.createTempFile("browser-script", ".err");
        List<String> command = new ArrayList<>(List.of("node", BROWSER_TESTS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("could not start `node`: install Node.js with `apt-get install -y nodejs npm`", e);
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("the browser script " + script + " did not finish within " + timeout.toSeconds() + " s; stdout:\n"
                        + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr));
            }
            return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Fails unless the file is a PNG screenshot with something on it. */
    public static void assertScreenshot(Path screenshot) throws IOException {
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("size in bytes of %s", screenshot).isGreaterThan(MIN_SCREENSHOT_BYTES);
        assertThat(Files.readAllBytes(screenshot)).as("PNG signature of %s", screenshot).startsWith(0x89, 'P', 'N', 'G');
    }

    /** The script's exit code and output. */
    public record Run(int exitCode, String stdout, String stderr) {

        /** The last line printed: the script's report of what it saw. */
        public String lastLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("the browser script's output; stderr:%n%s", stderr).isNotEmpty();
            return lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
