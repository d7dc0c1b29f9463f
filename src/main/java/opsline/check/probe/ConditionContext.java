package opsline.check.probe;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The values conditions read from one observation; the body is parsed as JSON once, when first needed. */
public final class ConditionContext {

    private final Observation observation;
    private final JsonMapper json;
    private final Clock clock;
    private Optional<JsonNode> parsedBody;

    public ConditionContext(Observation observation, JsonMapper json, Clock clock) {
        this.observation = observation;
        this.json = json;
        this.clock = clock;
    }

    /** The placeholder's value as text, or empty when it has none. */
    Optional<String> value(String placeholder, String path) {
        return switch (placeholder) {
            case "STATUS" -> Optional.ofNullable(observation.httpStatus()).map(String::valueOf);
            case "RESPONSE_TIME" -> Optional.of(String.valueOf(observation.latencyMs()));
            case "CONNECTED" -> Optional.of(String.valueOf(observation.reached()));
            case "CERTIFICATE_EXPIRATION" -> Optional.ofNullable(observation.certificateExpiresAt())
                    .map(expiry -> String.valueOf(Math.max(0, Duration.between(clock.instant(), expiry).toMillis())));
            case "IP", "RESULT" -> observation.values().stream().findFirst();
            case "DNS_RCODE" -> Optional.ofNullable(observation.dnsCode());
            default -> body(path);
        };
    }

    /** The length of the value: elements of an array or object, characters of text. */
    Optional<Integer> length(String placeholder, String path) {
        if ("BODY".equals(placeholder)) {
            Optional<JsonNode> node = path.isEmpty() ? Optional.empty() : json().flatMap(root -> JsonPathLite.find(root, path));
            if (node.isPresent()) {
                return Optional.of(node.get().isArray() || node.get().isObject() ? node.get().size()
                        : JsonPathLite.text(node.get()).length());
            }
        }
        return value(placeholder, path).map(String::length);
    }

    /** Why a placeholder has no value, in words. */
    String whyMissing(String placeholder, String path) {
        if (!observation.reached()) {
            return "not reached (" + observation.error() + ")";
        }
        if ("BODY".equals(placeholder) && !path.isEmpty()) {
            return json().isEmpty() ? "the body is not JSON" : "the body has no " + path.substring(1);
        }
        return "no value";
    }

    Optional<JsonNode> json() {
        if (parsedBody == null) {
            parsedBody = parse();
        }
        return parsedBody;
    }

    private Optional<String> body(String path) {
        if (observation.body() == null) {
            return Optional.empty();
        }
        if (path.isEmpty()) {
            return Optional.of(new String(observation.body(), StandardCharsets.UTF_8));
        }
        return json().flatMap(root -> JsonPathLite.find(root, path)).map(JsonPathLite::text);
    }

    private Optional<JsonNode> parse() {
        if (observation.body() == null || observation.body().length == 0 || observation.bodyTruncated()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(observation.body(), JsonNode.class));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
