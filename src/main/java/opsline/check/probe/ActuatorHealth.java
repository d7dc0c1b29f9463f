package opsline.check.probe;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Spring Boot Actuator ({@code {"status":"UP","components":{"db":{"status":"UP"}}}}) and Micronaut
 * ({@code "details"} instead of {@code "components"}) health answers, so a result can say which
 * component is down even when the endpoint itself answers.
 */
final class ActuatorHealth {

    private ActuatorHealth() {
    }

    /** The overall status, when the body is a health answer. */
    static Optional<String> status(JsonNode root) {
        return isHealth(root) ? Optional.of(root.get("status").getStringValue()) : Optional.empty();
    }

    /** Every component with a status, nested ones named {@code parent/child}. */
    static List<HealthComponent> components(JsonNode root) {
        List<HealthComponent> found = new ArrayList<>();
        if (isHealth(root)) {
            collect(root, "", found);
        }
        return found;
    }

    private static boolean isHealth(JsonNode root) {
        return root.isObject() && root.get("status") != null && root.get("status").isString()
                && (children(root) != null);
    }

    private static void collect(JsonNode node, String prefix, List<HealthComponent> found) {
        JsonNode children = children(node);
        if (children == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> child : children.entries()) {
            JsonNode status = child.getValue().isObject() ? child.getValue().get("status") : null;
            if (status != null && status.isString()) {
                String name = prefix + child.getKey();
                found.add(new HealthComponent(name, status.getStringValue()));
                collect(child.getValue(), name + "/", found);
            }
        }
    }

    private static JsonNode children(JsonNode node) {
        JsonNode components = node.get("components");
        if (components != null && components.isObject()) {
            return components;
        }
        JsonNode details = node.get("details");
        return details != null && details.isObject() ? details : null;
    }
}
