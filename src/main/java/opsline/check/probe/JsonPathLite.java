package opsline.check.probe;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON paths of Gatus conditions: {@code .data.items[0].id} after {@code [BODY]}. */
final class JsonPathLite {

    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d{1,9})]");

    private JsonPathLite() {
    }

    static boolean isValid(String path) {
        return steps(path) != null;
    }

    /** The node at {@code path}, or empty when a step does not exist. */
    static Optional<JsonNode> find(JsonNode root, String path) {
        JsonNode node = root;
        for (Object step : steps(path)) {
            if (step instanceof Integer index) {
                node = node.isArray() && index < node.size() ? node.get(index) : null;
            } else {
                node = node.isObject() ? node.get((String) step) : null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** A scalar as text (numbers without a trailing ".0"), or a structure as compact JSON-ish text. */
    static String text(JsonNode node) {
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isNumber()) {
            return new BigDecimal(node.getNumberValue().toString()).stripTrailingZeros().toPlainString();
        }
        if (node.isBoolean()) {
            return String.valueOf(node.getBooleanValue());
        }
        if (node.isNull()) {
            return "null";
        }
        return node.toString();
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher step = STEP.matcher(path);
        int end = 0;
        while (step.find()) {
            if (step.start() != end) {
                return null;
            }
            steps.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
            end = step.end();
        }
        return end == path.length() ? steps : null;
    }
}
