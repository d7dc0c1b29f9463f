package opsline.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The zero-setup database: real PostgreSQL binaries from a Maven Central package, run by this
 * process, with data that persists in a directory across restarts. The server stops when the JVM exits.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free local port with its data in {@code dataDir}, creating it on first use. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            ensureNotInUse(dataDir);
            stopOrphanedServer(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Opsline acknowledges writes to its callers: they must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (StartupFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("the embedded PostgreSQL could not start in " + dataDir.toAbsolutePath()
                    + " (" + rootCause(e) + "); set OPSLINE_DATABASE_URL to use an external PostgreSQL server", e);
        }
    }

    public DatabaseServer server() {
        return new DatabaseServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** Stops the server; the JVM's exit does the same for a running Opsline. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A second Opsline on the same data directory would corrupt it; say so instead. */
    private static void ensureNotInUse(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDir);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        }
    }

    private static StartupFailure inUse(Path dataDir) {
        return new StartupFailure("another Opsline process is using the embedded database in "
                + dataDir.toAbsolutePath() + "; stop it, or set OPSLINE_DATA_DIR or OPSLINE_DATABASE_URL");
    }

    /**
     * A previous Opsline that was killed leaves its postmaster running and holding the data directory.
     * Nothing else can own that server once our lock is free, so it is shut down before starting anew.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(process -> process.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a PostgreSQL server left by an earlier run (pid " + postmaster.get().pid()
                    + ") did not stop", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
