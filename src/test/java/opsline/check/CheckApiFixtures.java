package opsline.check;

import opsline.Api;
import opsline.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks set up through the API the way an admin would, for tests of checks and of what they drive
 * (service statuses, pages, subscriptions). Each call fails the test unless the API accepts it.
 */
public final class CheckApiFixtures {

    private final Api api;
    private final String token;

    /** Acts through {@code api} with {@code token}, which must hold the ADMIN role. */
    public CheckApiFixtures(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Creates the check and returns its id. */
    public String create(Map<String, Object> input) {
        Json created = api.run("checkapi-create", Map.of("input", input), token);
        assertThat(created.<List<?>>read("$.data.createCheck.userErrors")).as("createCheck %s: %s", input, created).isEmpty();
        return created.read("$.data.createCheck.check.id");
    }

    /** An HTTP check of the service that fails once its target refuses the connection: DOWN after one run. */
    public String failingAtOnce(String service, String name) {
        return create(httpCheck(service, name, LoopbackTarget.refusedUrl(), Map.of("failureThreshold", 1)));
    }

    /** The input of an HTTP check of {@code target}, with {@code extra} fields. */
    public static Map<String, Object> httpCheck(String service, String name, String target, Map<String, Object> extra) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("service", service);
        input.put("name", name);
        input.put("kind", "HTTP");
        input.put("target", target);
        input.putAll(extra);
        return input;
    }

    /** Runs the check now; the answer of {@code runCheckNow}. */
    public Json runNow(String id) {
        Json run = api.run("checkapi-runNow", Map.of("id", id), token);
        assertThat(run.<List<?>>read("$.data.runCheckNow.userErrors")).as("runCheckNow: %s", run).isEmpty();
        return run;
    }

    /** Runs the check now and returns the state it is in afterwards. */
    public String runNowForState(String id) {
        return runNow(id).read("$.data.runCheckNow.check.state");
    }

    public void pause(String id) {
        Json paused = api.run("checkapi-pause", Map.of("id", id), token);
        assertThat(paused.<List<?>>read("$.data.pauseCheck.userErrors")).as("pauseCheck: %s", paused).isEmpty();
    }

    public void resume(String id) {
        Json resumed = api.run("checkapi-resume", Map.of("id", id), token);
        assertThat(resumed.<List<?>>read("$.data.resumeCheck.userErrors")).as("resumeCheck: %s", resumed).isEmpty();
    }
}
