package opsline.check;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Creating checks through the API: defaults, every configuration mistake as a user error, and who sees what. */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
@Property(name = "opsline.site.public-url", value = "https://status.example.com/")
class CheckApiTest extends AdminApiTest {

    private static final String TARGET = "https://api.example.com/health";

    CheckApiFixtures checks;

    @BeforeEach
    void setUp() {
        checks = new CheckApiFixtures(api, admin);
        createService(Map.of("name", "API"));
    }

    @Test
    void createCheck_withTheIntegrationInputNames_returnsTheNewCheckInStateUnknown() {
        Json created = create(Map.of("service", "api", "name", "health endpoint", "kind", "HTTP", "target", TARGET,
                "intervalSeconds", 30, "timeoutSeconds", 5, "conditions", List.of("[STATUS] == 200", "[BODY].status == UP")));

        assertThat(created.<List<?>>read("$.data.createCheck.userErrors")).isEmpty();
        assertThat(created.<String>read("$.data.createCheck.check.id")).isNotBlank();
        assertThat(created.<String>read("$.data.createCheck.check.name")).isEqualTo("health endpoint");
        assertThat(created.<String>read("$.data.createCheck.check.kind")).isEqualTo("HTTP");
        assertThat(created.<String>read("$.data.createCheck.check.state")).isEqualTo("UNKNOWN");
        Json stored = api.run("checkapi-byId", Map.of("id", created.read("$.data.createCheck.check.id")), admin);
        assertThat(stored.<String>read("$.data.check.target")).isEqualTo(TARGET);
        assertThat(stored.<Integer>read("$.data.check.intervalSeconds")).isEqualTo(30);
        assertThat(stored.<String>read("$.data.check.service.slug")).isEqualTo("api");
    }

    @Test
    void createCheck_leavingSettingsOut_usesTheDocumentedDefaults() {
        Json http = create(Map.of("service", "api", "name", "health", "kind", "HTTP", "target", TARGET));

        assertThat(http.<Map<String, Object>>read("$.data.createCheck.check")).containsAllEntriesOf(Map.of(
                "intervalSeconds", 60, "timeoutSeconds", 10, "failureThreshold", 2, "successThreshold", 1,
                "method", "GET", "followRedirects", false, "verifyTls", true, "conditions", List.of(), "headers", List.of(),
                "paused", false));
        assertThat(http.<Object>read("$.data.createCheck.check.graceSeconds")).isNull();
        assertThat(http.<Object>read("$.data.createCheck.check.pingUrl")).isNull();
    }

    @Test
    void createCheck_withAShortIntervalAndNoTimeout_keepsTheDefaultTimeoutUnderTheInterval() {
        Json created = create(Map.of("service", "api", "name", "fast", "kind", "HTTP", "target", TARGET, "intervalSeconds", 5));

        assertThat(created.<List<?>>read("$.data.createCheck.userErrors")).isEmpty();
        assertThat(created.<Integer>read("$.data.createCheck.check.timeoutSeconds")).isEqualTo(4);
    }

    @Test
    void heartbeat_defaultsToOneFailureAndAMinuteOfGrace_andGetsAPingUrlOnThePublicAddress() {
        Json created = create(Map.of("service", "api", "name", "nightly backup", "kind", "HEARTBEAT"));

        assertThat(created.<List<?>>read("$.data.createCheck.userErrors")).isEmpty();
        assertThat(created.<Map<String, Object>>read("$.data.createCheck.check")).containsAllEntriesOf(Map.of(
                "failureThreshold", 1, "graceSeconds", 60, "intervalSeconds", 60, "state", "UNKNOWN"));
        assertThat(created.<Object>read("$.data.createCheck.check.target")).isNull();
        assertThat(created.<Object>read("$.data.createCheck.check.method")).isNull();
        assertThat(created.<String>read("$.data.createCheck.check.pingUrl")).matches("https://status\\.example\\.com/ping/[A-Za-z0-9_-]{20,}");
    }

    @Test
    void heartbeat_pingedAtItsUrl_isUp_andIsNeverRunOnRequest() {
        Json created = create(Map.of("service", "api", "name", "nightly backup", "kind", "HEARTBEAT"));
        String id = created.read("$.data.createCheck.check.id");
        String pingUrl = created.read("$.data.createCheck.check.pingUrl");

        Json ping = api.get(pingUrl.substring("https://status.example.com".length()));
        Json run = api.run("checkapi-runNow", Map.of("id", id), admin);

        assertThat(ping.status()).as(ping.toString()).isEqualTo(200);
        assertThat(api.run("checkapi-byId", Map.of("id", id), admin).<String>read("$.data.check.state")).isEqualTo("UP");
        assertThat(run.<Object>read("$.data.runCheckNow.result")).isNull();
        assertThat(run.<List<String>>read("$.data.runCheckNow.userErrors[*].field")).containsExactly("id");
        assertThat(run.<List<String>>read("$.data.runCheckNow.userErrors[*].code")).containsExactly("INVALID");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("a target that is no URL", input("target", "http://exa mple.com/"), "target", "INVALID", "not a valid URL"),
                arguments("an HTTP target with another scheme", input("target", "ftp://example.com/health"), "target", "INVALID", "https://"),
                arguments("a TCP target with an http scheme", input("kind", "TCP", "target", "http://db.example.com:5432"), "target", "INVALID", "tcp://"),
                arguments("a TCP target without a port", input("kind", "TCP", "target", "tcp://db.example.com"), "target", "INVALID", "needs a port"),
                arguments("a PostgreSQL target with a password", input("kind", "POSTGRES", "target", "postgresql://monitor:s3cret@db.example.com:5432/app"),
                        "target", "INVALID", "put it in an environment variable"),
                arguments("a PostgreSQL target with a password parameter",
                        input("kind", "POSTGRES", "target", "postgresql://monitor@db.example.com:5432/app?password=s3cret"),
                        "target", "INVALID", "put it in an environment variable"),
                arguments("a heartbeat with a target", input("kind", "HEARTBEAT"), "target", "INVALID", "no target"),
                arguments("an unknown DNS record type", input("kind", "DNS", "target", "dns://example.com?type=BOGUS"), "target", "INVALID", "BOGUS"),
                arguments("no target", input("kind", "TLS_CERT", "target", null), "target", "REQUIRED", "tls://"),
                arguments("a timeout as long as the interval", input("intervalSeconds", 10, "timeoutSeconds", 10), "timeoutSeconds", "INVALID", "shorter than the interval"),
                arguments("an interval under 5 s", input("intervalSeconds", 4, "timeoutSeconds", 1), "intervalSeconds", "INVALID", "between 5 and 86400"),
                arguments("an interval over a day", input("intervalSeconds", 86_401), "intervalSeconds", "INVALID", "between 5 and 86400"),
                arguments("a timeout of 0", input("timeoutSeconds", 0), "timeoutSeconds", "INVALID", "between 1 and 120"),
                arguments("a timeout over 120 s", input("intervalSeconds", 600, "timeoutSeconds", 121), "timeoutSeconds", "INVALID", "between 1 and 120"),
                arguments("a failure threshold of 0", input("failureThreshold", 0), "failureThreshold", "INVALID", "between 1 and 100"),
                arguments("a success threshold over 100", input("successThreshold", 101), "successThreshold", "INVALID", "between 1 and 100"),
                arguments("a degraded latency of 0", input("degradedLatencyMs", 0), "degradedLatencyMs", "INVALID", "between"),
                arguments("a negative grace", input("kind", "HEARTBEAT", "target", null, "graceSeconds", -1), "graceSeconds", "INVALID", "between 0"),
                arguments("an expected status that is no status", input("expectedStatus", 600), "expectedStatus", "INVALID", "between 100 and 599"),
                arguments("0 certificate warning days", input("certificateWarningDays", 0), "certificateWarningDays", "INVALID", "between 1 and 365"),
                arguments("a second condition without operator", input("conditions", List.of("[STATUS] == 200", "STATUS is 200")),
                        "conditions.1", "INVALID", "is not a condition"),
                arguments("a condition with an unknown placeholder", input("conditions", List.of("[NOPE] == 1")), "conditions.0", "INVALID", "placeholder"),
                arguments("a header name with a space", input("headers", List.of(Map.of("name", "X Token", "value", "a"))),
                        "headers.0.name", "INVALID", "X Token"),
                arguments("an unknown method", input("method", "FETCH"), "method", "INVALID", "GET"),
                arguments("a password variable that is no name", input("kind", "POSTGRES", "target", "postgresql://monitor@db.example.com:5432/app",
                        "passwordEnv", "1PASSWORD"), "passwordEnv", "INVALID", "environment variable"),
                arguments("a blank name", input("name", "  "), "name", "REQUIRED", "Name"),
                arguments("an unknown service", input("service", "nope"), "service", "NOT_FOUND", "nope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void createCheck_withAConfigurationMistake_answersAUserErrorOnTheField_andStoresNothing(String mistake, Map<String, Object> input,
                                                                                           String field, String code, String message) {
        Json created = create(input);

        assertThat(created.<Object>read("$.data.createCheck.check")).as(created.toString()).isNull();
        assertThat(created.<List<String>>read("$.data.createCheck.userErrors[*].field")).as(created.toString()).containsExactly(field);
        assertThat(created.<List<String>>read("$.data.createCheck.userErrors[*].code")).containsExactly(code);
        assertThat(created.<String>read("$.data.createCheck.userErrors[0].message")).contains(message);
        assertThat(checksOf("api")).isEmpty();
    }

    @Test
    void createCheck_withManyMistakes_namesEveryOneAtOnce() {
        Json created = create(Map.of("service", "nope", "name", "", "kind", "TCP", "target", "tcp://db.example.com",
                "intervalSeconds", 3, "timeoutSeconds", 5, "conditions", List.of("bogus"),
                "headers", List.of(Map.of("name", "bad name", "value", "x"))));

        assertThat(created.<Object>read("$.data.createCheck.check")).isNull();
        assertThat(created.<List<String>>read("$.data.createCheck.userErrors[*].field")).containsExactlyInAnyOrder(
                "service", "name", "target", "intervalSeconds", "timeoutSeconds", "conditions.0", "headers.0.name");
        assertThat(created.<List<String>>read("$.data.createCheck.userErrors[?(@.field == 'service')].code")).containsExactly("NOT_FOUND");
    }

    @Test
    void createCheck_withANameTheServiceAlreadyHas_isRefusedAsTaken_whileAnotherServiceMayUseIt() {
        createService(Map.of("name", "Web"));
        checks.create(Map.of("service", "api", "name", "health", "kind", "HTTP", "target", TARGET));

        Json again = create(Map.of("service", "api", "name", "health", "kind", "TCP", "target", "tcp://db.example.com:5432"));
        Json elsewhere = create(Map.of("service", "web", "name", "health", "kind", "HTTP", "target", TARGET));

        assertThat(again.<List<String>>read("$.data.createCheck.userErrors[*].field")).containsExactly("name");
        assertThat(again.<List<String>>read("$.data.createCheck.userErrors[*].code")).containsExactly("TAKEN");
        assertThat(checksOf("api")).hasSize(1);
        assertThat(elsewhere.<List<?>>read("$.data.createCheck.userErrors")).isEmpty();
    }

    @Test
    void anonymousViewers_seeNoChecks() {
        String id = checks.create(Map.of("service", "api", "name", "health", "kind", "HTTP", "target", TARGET));

        Json service = api.run("checkapi-serviceChecks", Map.of("slug", "api"), null);
        Json check = api.run("checkapi-byId", Map.of("id", id), null);

        assertThat(service.<String>read("$.data.service.slug")).isEqualTo("api");
        assertThat(service.<List<?>>read("$.data.service.checks")).isEmpty();
        assertThat(check.<Object>read("$.data.check")).isNull();
    }

    @Test
    void viewers_seeChecksWithHeaderValuesRedacted_andAdminsSeeTheValues() {
        String id = checks.create(Map.of("service", "api", "name", "health", "kind", "HTTP", "target", TARGET,
                "headers", List.of(Map.of("name", "Authorization", "value", "Bearer s3cret"))));
        String viewer = accounts.tokenFor(Role.VIEWER);

        Json viewersService = api.run("checkapi-serviceChecks", Map.of("slug", "api"), viewer);
        Json viewersCheck = api.run("checkapi-byId", Map.of("id", id), viewer);
        Json adminsCheck = api.run("checkapi-byId", Map.of("id", id), admin);

        assertThat(viewersService.<List<String>>read("$.data.service.checks[*].name")).containsExactly("health");
        assertThat(viewersService.<List<String>>read("$.data.service.checks[0].headers[*].value")).containsExactly("[REDACTED]");
        assertThat(viewersCheck.<String>read("$.data.check.target")).isEqualTo(TARGET);
        assertThat(viewersCheck.<List<String>>read("$.data.check.headers[*].name")).containsExactly("Authorization");
        assertThat(viewersCheck.<List<String>>read("$.data.check.headers[*].value")).containsExactly("[REDACTED]");
        assertThat(viewersCheck.body()).doesNotContain("s3cret");
        assertThat(adminsCheck.<List<String>>read("$.data.check.headers[*].value")).containsExactly("Bearer s3cret");
    }

    private Json create(Map<String, Object> input) {
        return api.run("checkapi-create", Map.of("input", input), admin);
    }

    private List<Object> checksOf(String slug) {
        return api.run("checkapi-serviceChecks", Map.of("slug", slug), admin).read("$.data.service.checks");
    }

    /** A valid HTTP check's input with these fields changed; a null value leaves the field out. */
    private static Map<String, Object> input(Object... fieldsAndValues) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("service", "api", "name", "health", "kind", "HTTP", "target", TARGET));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            input.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        input.values().removeIf(value -> value == null);
        return input;
    }
}
