package opsline.check.heartbeat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.check.CheckApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeat checks over HTTP, as a cron job's {@code curl} calls them, with the scheduler running. */
@MicronautTest(transactional = false)
class HeartbeatTest extends AdminApiTest {

    private static final long LATE_WAIT_MILLIS = 20_000;

    private CheckApi checks;
    private String service;

    @BeforeEach
    void setUp() {
        checks = new CheckApi(api, admin);
        service = checks.createService("Nightly backup");
    }

    @Test
    void pingsByGetAndByPost_recordSuccesses_andPushTheDeadlineBack() {
        String id = heartbeat("backup", 60, 60);
        String key = keyOf(id);

        Json byGet = ping("GET", "/ping/" + key, null);
        assertThat(byGet.status()).isEqualTo(200);
        assertThat(byGet.body()).isEqualTo("OK\n");
        Json afterGet = checks.check(id, CheckApi.CHECK);
        assertThat(afterGet.<String>read("$.data.check.state")).isEqualTo("UP");
        Instant pingedAt = Instant.parse(afterGet.read("$.data.check.lastPingAt"));
        assertThat(Instant.parse(afterGet.read("$.data.check.nextRunAt"))).isEqualTo(pingedAt.plusSeconds(120));

        Json byPost = ping("POST", "/ping/" + key, "backup done: 12 GB\nsecond line");
        assertThat(byPost.status()).isEqualTo(200);
        Json afterPost = checks.check(id, CheckApi.CHECK + " results { totalCount }");
        assertThat(afterPost.<String>read("$.data.check.lastResult.message")).isEqualTo("ping received: backup done: 12 GB");
        assertThat(afterPost.<Boolean>read("$.data.check.lastResult.success")).isTrue();
        assertThat(afterPost.<Integer>read("$.data.check.results.totalCount")).isEqualTo(2);
    }

    @Test
    void aFailPing_recordsAFailureWithTheFirstLineOfItsBody() {
        String id = heartbeat("backup", 60, 60);
        String key = keyOf(id);

        assertThat(ping("POST", "/ping/" + key + "/fail", "disk full\n  at backup.sh line 12").status()).isEqualTo(200);

        Json failed = checks.check(id, CheckApi.CHECK);
        assertThat(failed.<String>read("$.data.check.state")).as("a heartbeat is DOWN at its first failure").isEqualTo("DOWN");
        assertThat(failed.<String>read("$.data.check.lastResult.message")).isEqualTo("the job reported failure: disk full");
        assertThat(failed.<Boolean>read("$.data.check.lastResult.success")).isFalse();

        assertThat(ping("GET", "/ping/" + key + "/fail", null).status()).isEqualTo(200);
        assertThat(checks.check(id, CheckApi.CHECK).<String>read("$.data.check.lastResult.message")).isEqualTo("the job reported failure");
    }

    @Test
    void aStartPingThenASuccess_measuresHowLongTheJobRan() throws InterruptedException {
        String id = heartbeat("backup", 60, 60);
        String key = keyOf(id);

        Json started = ping("GET", "/ping/" + key + "/start", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).isEqualTo("OK, started\n");
        Thread.sleep(1200);
        ping("GET", "/ping/" + key, null);

        Json measured = checks.check(id, CheckApi.CHECK);
        assertThat(measured.<Integer>read("$.data.check.lastResult.latencyMs")).isGreaterThanOrEqualTo(1200);
        assertThat(measured.<String>read("$.data.check.lastResult.message")).startsWith("ping received after a run of ");

        ping("POST", "/ping/" + key, "");
        Json unmeasured = checks.check(id, CheckApi.CHECK);
        assertThat(unmeasured.<Integer>read("$.data.check.lastResult.latencyMs")).as("a success without a start").isZero();
        assertThat(unmeasured.<String>read("$.data.check.lastResult.message")).isEqualTo("ping received");
    }

    @Test
    void aPingWithAnUnknownKey_isNotFound() {
        for (String path : new String[] {"/ping/no-such-key", "/ping/no-such-key/fail", "/ping/no-such-key/start"}) {
            assertThat(ping("GET", path, null).status()).as("GET %s", path).isEqualTo(404);
            assertThat(ping("POST", path, "body").status()).as("POST %s", path).isEqualTo(404);
        }
    }

    @Test
    void aPingToAPausedCheck_isAnsweredButIgnored() {
        String id = heartbeat("backup", 60, 60);
        String key = keyOf(id);
        checks.pause(id);

        Json answer = ping("GET", "/ping/" + key, null);
        Json failAnswer = ping("POST", "/ping/" + key + "/fail", "ignored too");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("paused");
        assertThat(failAnswer.status()).isEqualTo(200);
        Json check = checks.check(id, CheckApi.CHECK + " results { totalCount }");
        assertThat(check.<String>read("$.data.check.state")).isEqualTo("PAUSED");
        assertThat(check.<Integer>read("$.data.check.results.totalCount")).isZero();
        assertThat(check.<Object>read("$.data.check.lastPingAt")).isNull();
    }

    @Test
    void aHeartbeatThatGetsNoPing_goesDownOnceLate_andAPingBringsItBack() throws InterruptedException {
        String id = heartbeat("every five seconds", 5, 0);

        Json late = awaitState(id, "DOWN");
        assertThat(late.<String>read("$.data.check.lastResult.message")).isEqualTo("no ping yet; expected one every 5 s (grace 0 s)");

        ping("GET", "/ping/" + keyOf(id), null);
        Json back = checks.check(id, CheckApi.CHECK);
        assertThat(back.<String>read("$.data.check.state")).isEqualTo("UP");
        Instant pingedAt = Instant.parse(back.read("$.data.check.lastPingAt"));

        Json lateAgain = awaitState(id, "DOWN");
        assertThat(lateAgain.<String>read("$.data.check.lastResult.message")).startsWith("last ping ")
                .contains(" s ago; expected one every 5 s");
        Instant judgedAt = Instant.parse(lateAgain.read("$.data.check.lastResult.checkedAt"));
        assertThat(Duration.between(pingedAt, judgedAt)).as("not late before interval and grace passed")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    private String heartbeat(String name, int intervalSeconds, int graceSeconds) {
        return checks.createCheck(service, name, Map.of("kind", "HEARTBEAT", "intervalSeconds", intervalSeconds,
                "graceSeconds", graceSeconds));
    }

    private String keyOf(String id) {
        String pingUrl = checks.check(id, "pingUrl").read("$.data.check.pingUrl");
        return pingUrl.substring(pingUrl.indexOf("/ping/") + "/ping/".length());
    }

    private Json ping(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        if (method.equals("POST")) {
            request.header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        return api.send(request.build());
    }

    private Json awaitState(String id, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LATE_WAIT_MILLIS;
        Json check = checks.check(id, CheckApi.CHECK);
        while (!state.equals(check.read("$.data.check.state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            check = checks.check(id, CheckApi.CHECK);
        }
        assertThat(check.<String>read("$.data.check.state")).as("state within %d ms: %s", LATE_WAIT_MILLIS, check).isEqualTo(state);
        return check;
    }
}
