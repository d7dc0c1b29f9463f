package opsline.graphql;

import opsline.validation.Outcome;
import opsline.validation.UserError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutation payloads: the changed object under its field name, and the refusals as {@code userErrors}. */
public final class Payloads {

    private static final String USER_ERRORS = "userErrors";

    private Payloads() {
    }

    public static Map<String, Object> of(String field, Outcome<?> outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(field, outcome.value());
        payload.put(USER_ERRORS, outcome.errors());
        return payload;
    }

    /** The refusals in a payload built by {@link #of}; empty for anything else. */
    @SuppressWarnings("unchecked")
    public static List<UserError> userErrors(Object payload) {
        if (payload instanceof Map<?, ?> map && map.get(USER_ERRORS) instanceof List<?> errors) {
            return (List<UserError>) errors;
        }
        return List.of();
    }
}
