package opsline.graphql;

import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mutation's {@code input} argument, read field by field. The engine has already checked types
 * and required fields against the schema; this only tells "left out" from "set to null".
 */
public record Input(Map<String, Object> values) {

    public static Input of(DataFetchingEnvironment environment) {
        return new Input(environment.getArgument("input"));
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    /** The field's value when the input has the field (even as null), else {@code fallback}. */
    @SuppressWarnings("unchecked")
    public <T> T valueOr(String field, T fallback) {
        return values.containsKey(field) ? (T) values.get(field) : fallback;
    }

    public String string(String field) {
        return (String) values.get(field);
    }

    public Integer integer(String field) {
        return (Integer) values.get(field);
    }

    public Boolean bool(String field) {
        return (Boolean) values.get(field);
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        Object value = values.get(field);
        return value == null ? null : Enum.valueOf(type, value.toString());
    }

    /** A list field, or empty when left out or null. */
    @SuppressWarnings("unchecked")
    public <T> List<T> list(String field) {
        return Optional.ofNullable((List<T>) values.get(field)).orElse(List.of());
    }

    /** A nested input object list, each element read like this input. */
    public List<Input> inputs(String field) {
        return this.<Map<String, Object>>list(field).stream().map(Input::new).toList();
    }
}
