package opsline;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/**
 * A test that talks to the running Opsline over HTTP through {@link #api}, each test starting from an
 * empty database. Concrete tests carry {@code @MicronautTest(transactional = false)}; Micronaut injects
 * the fields declared here.
 */
public abstract class ApiTest {

    @Inject
    private EmbeddedServer server;
    @Inject
    protected TestAccounts accounts;
    @Inject
    protected DatabaseCleaner database;

    protected Api api;

    @BeforeEach
    void startFromAnEmptyDatabase() {
        database.clean();
        api = new Api(server);
    }

    /** The name of the user this token acts for. */
    protected String nameOf(String token) {
        return api.run("access-viewer", Map.of(), token).read("$.data.viewer.user.name");
    }
}
