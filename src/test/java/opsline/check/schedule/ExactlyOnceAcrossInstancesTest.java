package opsline.check.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.AdminApiTest;
import opsline.check.CheckApi;
import opsline.check.CheckTables;
import opsline.check.StubTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, both schedulers running, share the checks: every due run happens
 * once, on one of them.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "true")
class ExactlyOnceAcrossInstancesTest extends AdminApiTest {

    private static final int CHECKS = 20;
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration WATCHED = Duration.ofSeconds(21);
    /** Runs of one check never come closer than this: a run done twice would come within milliseconds; lag on a loaded machine is allowed up to 2 s. */
    private static final Duration CLOSEST = Duration.ofSeconds(3);

    static EmbeddedServer other;

    @Inject
    CheckScheduler scheduler;
    @Inject
    MeterRegistry meters;

    private StubTarget target;

    @BeforeAll
    static void startAnotherInstance() {
        other = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1), Environment.TEST);
    }

    @AfterAll
    static void stopTheOtherInstance() {
        other.getApplicationContext().close();
    }

    @BeforeEach
    void startTarget() {
        target = StubTarget.start();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void twoInstances_runEveryDueCheckOnce_andBothDoPartOfTheWork() throws InterruptedException {
        CheckApi checks = new CheckApi(api, admin);
        String service = checks.createService("Checkout API");
        double runsHereBefore = runsRecorded(meters);
        double runsThereBefore = runsRecorded(other.getApplicationContext().getBean(MeterRegistry.class));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < CHECKS; i++) {
            ids.add(UUID.fromString(checks.createHttpCheck(service, "check " + i, target.url("/" + i),
                    Map.of("intervalSeconds", (int) INTERVAL.toSeconds(), "timeoutSeconds", 2))));
        }
        Set<String> leaseOwners = watchLeases(WATCHED);
        Instant end = Instant.now();

        for (int i = 0; i < CHECKS; i++) {
            UUID id = ids.get(i);
            List<Instant> runs = CheckTables.rows("SELECT checked_at FROM check_result WHERE check_id = ? AND checked_at <= ? ORDER BY checked_at",
                    id, end).stream().map(row -> (Instant) row.get("checked_at")).toList();
            assertSpacedOut("results of check " + i, runs);
            assertSpacedOut("requests for check " + i, target.requests("/" + i));
            Instant firstDue = CheckTables.value("SELECT min(checked_at) FROM check_result WHERE check_id = ?", id);
            long expected = Duration.between(firstDue, end).toMillis() / INTERVAL.toMillis() + 1;
            assertThat((long) runs.size()).as("runs of check %d, first due at %s", i, firstDue).isBetween(expected - 1, expected + 1);
        }
        double runsHere = runsRecorded(meters) - runsHereBefore;
        double runsThere = runsRecorded(other.getApplicationContext().getBean(MeterRegistry.class)) - runsThereBefore;
        assertThat(runsHere).as("runs recorded by this instance").isPositive();
        assertThat(runsThere).as("runs recorded by the other instance").isPositive();
        assertThat(leaseOwners).as("lease owners seen").contains(scheduler.owner(), other.getApplicationContext().getBean(CheckScheduler.class).owner());
    }

    /** Watches the checks' leases for a while; returns the owners seen. */
    private static Set<String> watchLeases(Duration duration) throws InterruptedException {
        Set<String> owners = new HashSet<>();
        long deadline = System.currentTimeMillis() + duration.toMillis();
        while (System.currentTimeMillis() < deadline) {
            CheckTables.rows("SELECT DISTINCT lease_owner FROM service_check WHERE lease_owner IS NOT NULL")
                    .forEach(row -> owners.add((String) row.get("lease_owner")));
            Thread.sleep(50);
        }
        return owners;
    }

    private static void assertSpacedOut(String what, List<Instant> times) {
        assertThat(times).as(what).isNotEmpty();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("%s: %s", what, times).isGreaterThanOrEqualTo(CLOSEST);
        }
    }

    private static double runsRecorded(MeterRegistry registry) {
        return registry.counter("opsline.checks.runs").count();
    }
}
