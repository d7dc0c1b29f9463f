package opsline;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;

import java.util.List;
import java.util.Map;

/** An HTTP answer, with JSONPath reads of its body. */
public record Json(int status, Map<String, List<String>> headers, String body) {

    public <T> T read(String path) {
        try {
            return JsonPath.read(body, path);
        } catch (PathNotFoundException e) {
            throw new AssertionError(path + " is not in the answer " + this, e);
        }
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    /** The GraphQL errors' messages, or an empty list. */
    public List<String> errorMessages() {
        return body.contains("\"errors\"") ? read("$.errors[*].message") : List.of();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
