package opsline.incident;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.Api;
import opsline.TestDatabase;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.StubTarget;
import opsline.security.Role;
import opsline.system.PeriodicJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two instances on one database, many checks of the same services failing at the same moment on both:
 * each service with automatic incidents gets exactly one open automatic incident, and the database
 * itself refuses a second one.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class OneOpenAutomaticIncidentTest extends AdminApiTest {

    private static final int CHECKS_PER_SERVICE = 6;
    private static final List<String> AUTOMATIC = List.of("checkout-api", "payments", "search");
    private static final String UNIQUE_VIOLATION = "23505";

    static EmbeddedServer other;

    @Inject
    List<PeriodicJob> periodicJobs;

    private StubTarget target;

    @BeforeAll
    static void startAnotherInstance() throws InterruptedException {
        other = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "opsline.checks.enabled", "false"), Environment.TEST);
        BackgroundJobsAtRest.awaitStartupRun();
    }

    @AfterAll
    static void stopTheOtherInstance() {
        other.getApplicationContext().close();
    }

    @BeforeEach
    void setUp() {
        BackgroundJobsAtRest.holdOff(periodicJobs);
        target = StubTarget.start();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void manyChecksFailingAtOnceOnTwoInstances_declareExactlyOneOpenAutomaticIncidentPerService() throws Exception {
        String responder = accounts.tokenFor(Role.RESPONDER);
        CheckApi here = new CheckApi(api, responder);
        CheckApi there = new CheckApi(new Api(other), responder);
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        createService(Map.of("name", "Payments", "autoIncidents", true));
        createService(Map.of("name", "Search", "autoIncidents", true));
        createService(Map.of("name", "Reports"));
        List<String> checkIds = new ArrayList<>();
        for (String service : List.of("checkout-api", "payments", "search", "reports")) {
            for (int i = 0; i < CHECKS_PER_SERVICE; i++) {
                String path = "/" + service + "/" + i;
                target.answer(path, 503);
                checkIds.add(new CheckApi(api, admin).createHttpCheck(service, "check " + i, target.url(path), Map.of("failureThreshold", 1)));
            }
        }

        List<String> states = runAllAtOnce(checkIds, List.of(here, there));

        assertThat(states).as("every run answered with the check's state").hasSize(checkIds.size() * 2).containsOnly("DOWN");
        for (String service : AUTOMATIC) {
            UUID id = serviceId(service);
            assertThat(CheckTables.count("SELECT count(*) FROM incident WHERE source = 'CHECK' AND auto_service_id = ? AND status <> 'RESOLVED'", id))
                    .as("open automatic incidents of %s", service).isEqualTo(1);
            UUID incident = CheckTables.value("SELECT id FROM incident WHERE auto_service_id = ?", id);
            assertThat(CheckTables.count("SELECT count(*) FROM timeline_entry WHERE incident_id = ? AND kind = 'CHECK_TRANSITION'", incident))
                    .as("each check's UNKNOWN → DOWN on %s's incident, once", service).isEqualTo(CHECKS_PER_SERVICE);
            List<String> seenHere = here.service(service, "activeIncidents { number }").read("$.data.service.activeIncidents[*].number");
            List<String> seenThere = there.service(service, "activeIncidents { number }").read("$.data.service.activeIncidents[*].number");
            assertThat(seenHere).hasSize(1).isEqualTo(seenThere);
        }
        assertThat(CheckTables.count("SELECT count(*) FROM incident")).as("one per automatic service, none for reports").isEqualTo(AUTOMATIC.size());
        assertThat(CheckTables.count("SELECT count(*) FROM check_transition")).as("each check went DOWN once").isEqualTo(checkIds.size());
    }

    @Test
    void theDatabase_refusesASecondOpenAutomaticIncidentForAService_evenFromConcurrentTransactions() throws Exception {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        UUID service = serviceId("checkout-api");

        try (Connection first = connect(); Connection second = connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insertCheckIncident(first, service, "INVESTIGATING");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                int secondPid = backendPid(second);
                Future<Integer> racing = pool.submit(() -> insertCheckIncident(second, service, "INVESTIGATING"));
                awaitLockWait(secondPid);
                first.commit();
                Exception refused = catchThrowableOfType(() -> racing.get(30, TimeUnit.SECONDS), Exception.class);
                assertThat(refused).as("the second insert").isNotNull();
                SQLException cause = (SQLException) refused.getCause();
                assertThat(cause.getSQLState()).isEqualTo(UNIQUE_VIOLATION);
                assertThat(cause.getMessage()).contains("incident_one_open_automatic");
                second.rollback();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(CheckTables.count("SELECT count(*) FROM incident WHERE auto_service_id = ?", service)).isEqualTo(1);

        SQLException monitoring = catchThrowableOfType(() -> {
            try (Connection connection = connect()) {
                insertCheckIncident(connection, service, "MONITORING");
            }
        }, SQLException.class);
        assertThat((Throwable) monitoring).as("MONITORING is open too").isNotNull();
        assertThat(monitoring.getSQLState()).isEqualTo(UNIQUE_VIOLATION);
        try (Connection connection = connect()) {
            assertThat(insertCheckIncident(connection, service, "RESOLVED")).as("resolved ones are history, any number of them").isEqualTo(1);
        }
    }

    @Test
    void whenTheDatabaseAlreadyHoldsAnOpenAutomaticIncident_aFailingCheckOnEitherInstanceAddsToIt() {
        createService(Map.of("name", "Checkout API", "autoIncidents", true));
        UUID service = serviceId("checkout-api");
        try (Connection connection = connect()) {
            insertCheckIncident(connection, service, "INVESTIGATING");
            try (PreparedStatement affected = connection.prepareStatement(
                    "INSERT INTO incident_service (incident_id, service_id, impact) SELECT id, auto_service_id, 'MAJOR_OUTAGE' FROM incident")) {
                affected.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        target.answer("/a", 500);
        target.answer("/b", 500);
        CheckApi checks = new CheckApi(api, admin);
        String a = checks.createHttpCheck("checkout-api", "a", target.url("/a"), Map.of("failureThreshold", 1));
        String b = checks.createHttpCheck("checkout-api", "b", target.url("/b"), Map.of("failureThreshold", 1));

        assertThat(checks.runNowForState(a)).isEqualTo("DOWN");
        assertThat(new CheckApi(new Api(other), admin).runNowForState(b)).isEqualTo("DOWN");

        assertThat(CheckTables.count("SELECT count(*) FROM incident")).isEqualTo(1);
        assertThat(CheckTables.count("SELECT count(*) FROM timeline_entry WHERE kind = 'CHECK_TRANSITION'")).isEqualTo(2);
    }

    /** Runs every check on every instance, all released at once; returns the states the runs answered. */
    private static List<String> runAllAtOnce(List<String> checkIds, List<CheckApi> instances) throws Exception {
        int runs = checkIds.size() * instances.size();
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch ready = new CountDownLatch(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (String id : checkIds) {
                for (CheckApi instance : instances) {
                    answers.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return instance.runNowForState(id);
                    }));
                }
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all runners ready").isTrue();
            go.countDown();
            List<String> states = new ArrayList<>();
            for (Future<String> answer : answers) {
                states.add(answer.get(60, TimeUnit.SECONDS));
            }
            return states;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int insertCheckIncident(Connection connection, UUID service, String status) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO incident (id, title, severity, status, visibility, source, auto_service_id, declared_by,
                                      started_at, declared_at, resolved_at, created_at, updated_at)
                VALUES (?, 'Checkout API is down', 'P2', ?, 'PUBLIC', 'CHECK', ?, 'system',
                        now(), now(), CASE WHEN ? = 'RESOLVED' THEN now() END, now(), now())""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, status);
            insert.setObject(3, service);
            insert.setString(4, status);
            return insert.executeUpdate();
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_backend_pid()"); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Waits until the backend is blocked on a lock: the second insert waits for the first transaction's index entry. */
    private static void awaitLockWait(int pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (CheckTables.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'", pid) == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second insert never waited for the first transaction");
    }

    private static UUID serviceId(String slug) {
        return CheckTables.value("SELECT id FROM service WHERE slug = ?", slug);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
    }
}
