package opsline.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    Process otherOpsline;

    @AfterEach
    void stopOtherOpsline() throws Exception {
        if (otherOpsline == null) {
            return;
        }
        otherOpsline.getOutputStream().close();
        if (!otherOpsline.waitFor(30, TimeUnit.SECONDS)) {
            otherOpsline.destroyForcibly().waitFor();
        }
    }

    @Test
    void start_givesAServerWhoseJdbcUrlWorks() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"))) {
            DatabaseServer server = database.server();

            assertThat(server.url()).startsWith("jdbc:postgresql://");
            assertThat(server.user()).isEqualTo("postgres");
            assertThat(query(server, "SELECT current_user")).containsExactly("postgres");
        }
    }

    @Test
    void rowsWritten_areStillThereAfterAStopAndAStartOnTheSameDirectory() throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            execute(database.server(), "CREATE TABLE note (text varchar)");
            execute(database.server(), "INSERT INTO note VALUES ('written before the restart')");
        }

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(restarted.server(), "SELECT text FROM note")).containsExactly("written before the restart");
        }
    }

    @Test
    void start_whileAnotherOpslineUsesTheDirectory_isRefusedWithAnExplanation() throws Exception {
        Path dataDir = dir.resolve("postgres");
        otherOpsline = startInAnotherProcess(dataDir);

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("another Opsline process is using the embedded database in " + dataDir.toAbsolutePath())
                .hasMessageContaining("OPSLINE_DATA_DIR")
                .hasMessageContaining("OPSLINE_DATABASE_URL");
    }

    @Test
    void start_whereTheDirectoryCannotBeCreated_pointsAtAnExternalServer() throws IOException {
        Path regularFile = Files.writeString(dir.resolve("not-a-directory"), "a file, not a directory");

        assertThatThrownBy(() -> EmbeddedDatabase.start(regularFile.resolve("postgres")))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("the embedded PostgreSQL could not start in " + regularFile.resolve("postgres").toAbsolutePath())
                .hasMessageContaining("set OPSLINE_DATABASE_URL");
    }

    /** Starts {@link OtherOpsline} in a JVM of its own and waits until its database runs. */
    private static Process startInAnotherProcess(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OtherOpsline.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(OtherOpsline.STARTED)) {
                return process;
            }
            seen.add(line);
        }
        throw new AssertionError("the other process did not start its database: " + String.join("\n", seen));
    }

    private static List<String> query(DatabaseServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(DatabaseServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A second Opsline process, as far as the data directory can tell: it runs the database until its input ends. */
    public static final class OtherOpsline {

        static final String STARTED = "embedded database started";

        public static void main(String[] args) throws IOException {
            try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]))) {
                System.out.println(STARTED);
                System.out.flush();
                System.in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
