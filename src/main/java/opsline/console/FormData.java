package opsline.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, with fields that repeat (checkboxes) kept whole. */
record FormData(Map<String, List<String>> fields) {

    static FormData parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                String value = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
                fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(fields);
    }

    /** The field's value, or null when absent; a blank value counts as absent. */
    String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of()).stream().filter(value -> !value.isBlank()).toList();
    }

    /** The submitted values, for a form shown again with its problems. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, all) -> values.put(name, String.join(",", all)));
        return values;
    }
}
