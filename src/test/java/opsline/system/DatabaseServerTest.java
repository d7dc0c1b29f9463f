package opsline.system;

import opsline.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseServerTest {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/opsline";

    @Test
    void fromEnvironment_withANonPostgresqlUrl_explainsTheExpectedForm() {
        Map<String, String> env = Map.of("OPSLINE_DATABASE_URL", "mysql://db.example.com/opsline");

        assertThatThrownBy(() -> DatabaseServer.fromEnvironment(env))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("OPSLINE_DATABASE_URL must be a PostgreSQL JDBC URL")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("got: mysql://db.example.com/opsline");
    }

    @Test
    void fromEnvironment_withAnUnreachableServer_namesTheUrlAndTheSettingsToCheck() {
        Map<String, String> env = Map.of("OPSLINE_DATABASE_URL", UNREACHABLE, "OPSLINE_DATABASE_USER", "ops");

        assertThatThrownBy(() -> DatabaseServer.fromEnvironment(env))
                .isInstanceOf(StartupFailure.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at " + UNREACHABLE + " as user 'ops'")
                .hasMessageContaining("OPSLINE_DATABASE_URL")
                .hasMessageContaining("OPSLINE_DATABASE_USER")
                .hasMessageContaining("OPSLINE_DATABASE_PASSWORD");
    }

    @Test
    void fromEnvironment_withAReachableServer_pointsTheDatasourceAtIt() {
        Map<String, String> env = Map.of(
                "OPSLINE_DATABASE_URL", TestDatabase.url(),
                "OPSLINE_DATABASE_USER", TestDatabase.user(),
                "OPSLINE_DATABASE_PASSWORD", TestDatabase.password());

        DatabaseServer server = DatabaseServer.fromEnvironment(env);

        assertThat(server.datasourceProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "datasources.default.url", TestDatabase.url(),
                "datasources.default.username", TestDatabase.user(),
                "datasources.default.password", TestDatabase.password()));
    }

    @Test
    void fromEnvironment_withAUrlOnly_usesThePostgresUserAndNoPassword() {
        DatabaseServer server = DatabaseServer.fromEnvironment(Map.of("OPSLINE_DATABASE_URL", " " + TestDatabase.url() + " "));

        assertThat(server).isEqualTo(new DatabaseServer(TestDatabase.url(), "postgres", ""));
    }

    @Test
    void opslineStartedAgainstAnUnreachableDatabase_exitsWithOneLineOnStandardError(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "opsline.Application")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OPSLINE_") || name.endsWith("JAVA_OPTIONS") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("OPSLINE_DATABASE_URL", UNREACHABLE);

        Process opsline = builder.start();
        boolean exited = opsline.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            opsline.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(stderr);
        assertThat(exited).as("Opsline exits on its own").isTrue();
        assertThat(opsline.exitValue()).isEqualTo(1);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("opsline: cannot connect to PostgreSQL at " + UNREACHABLE);
    }
}
