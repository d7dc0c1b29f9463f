package opsline.check;

import opsline.Api;
import opsline.Json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The check operations tests need, over GraphQL as one viewer; each write fails the test unless accepted. */
public final class CheckApi {

    /** The fields tests read of a check. */
    public static final String CHECK = """
            id name kind state stateSince paused nextRunAt lastPingAt pingUrl intervalSeconds
            lastResult { outcome checkState success message latencyMs checkedAt }""";
    private static final String RESULT = "outcome checkState success message latencyMs httpStatus checkedAt";

    private final Api api;
    private final String token;

    public CheckApi(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    /** A new service; returns its slug. */
    public String createService(String name) {
        Json created = api.graphql("mutation ($input: CreateServiceInput!) { createService(input: $input) { service { slug } userErrors { message } } }",
                Map.of("input", Map.of("name", name)), token);
        assertThat(created.<List<?>>read("$.data.createService.userErrors")).as("createService %s: %s", name, created).isEmpty();
        return created.read("$.data.createService.service.slug");
    }

    /** A new HTTP check of the service probing {@code url}, with {@code more} fields of CreateCheckInput; returns its id. */
    public String createHttpCheck(String service, String name, String url, Map<String, Object> more) {
        Map<String, Object> input = new HashMap<>(more);
        input.put("kind", "HTTP");
        input.put("target", url);
        return createCheck(service, name, input);
    }

    /** A new check of the service from CreateCheckInput fields; returns its id. */
    public String createCheck(String service, String name, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("service", service);
        input.put("name", name);
        Json created = api.graphql("mutation ($input: CreateCheckInput!) { createCheck(input: $input) { check { id } userErrors { field message } } }",
                Map.of("input", input), token);
        assertThat(created.<List<?>>read("$.data.createCheck.userErrors")).as("createCheck %s: %s", input, created).isEmpty();
        return created.read("$.data.createCheck.check.id");
    }

    /** Runs the check now; the answer holds {@code result} and {@code check} under {@code $.data.runCheckNow}. */
    public Json runNow(String id) {
        Json run = api.graphql("mutation ($input: CheckIdInput!) { runCheckNow(input: $input) { result { " + RESULT + " } check { "
                + CHECK + " } userErrors { message } } }", Map.of("input", Map.of("id", id)), token);
        assertThat(run.<List<?>>read("$.data.runCheckNow.userErrors")).as("runCheckNow: %s", run).isEmpty();
        return run;
    }

    /** Runs the check now and returns its state afterwards. */
    public String runNowForState(String id) {
        return runNow(id).read("$.data.runCheckNow.check.state");
    }

    public Json pause(String id) {
        return change("pauseCheck", id);
    }

    public Json resume(String id) {
        return change("resumeCheck", id);
    }

    /** The check with the given selection, under {@code $.data.check}. */
    public Json check(String id, String selection) {
        Json found = api.graphql("query ($id: ID!) { check(id: $id) { " + selection + " } }", Map.of("id", id), token);
        assertThat(found.errorMessages()).as("check query: %s", found).isEmpty();
        return found;
    }

    public String state(String id) {
        return check(id, "state").read("$.data.check.state");
    }

    /** The service with the given selection, under {@code $.data.service}. */
    public Json service(String slug, String selection) {
        Json found = api.graphql("query ($slug: String!) { service(slug: $slug) { " + selection + " } }", Map.of("slug", slug), token);
        assertThat(found.errorMessages()).as("service query: %s", found).isEmpty();
        return found;
    }

    public String serviceStatus(String slug) {
        return service(slug, "status").read("$.data.service.status");
    }

    private Json change(String mutation, String id) {
        Json changed = api.graphql("mutation ($input: CheckIdInput!) { " + mutation + "(input: $input) { check { " + CHECK
                + " } userErrors { message } } }", Map.of("input", Map.of("id", id)), token);
        assertThat(changed.<List<?>>read("$.data." + mutation + ".userErrors")).as("%s: %s", mutation, changed).isEmpty();
        return changed;
    }
}
