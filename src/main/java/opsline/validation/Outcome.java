package opsline.validation;

import java.util.List;

/**
 * What a domain operation produced: a value, or the reasons it refused. Refusals are expected
 * results, not exceptions; nothing is written when an operation refuses.
 */
public record Outcome<T>(T value, List<UserError> errors) {

    public Outcome {
        errors = List.copyOf(errors);
    }

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, List.of());
    }

    public static <T> Outcome<T> rejected(List<UserError> errors) {
        return new Outcome<>(null, errors);
    }

    public static <T> Outcome<T> rejected(String field, String message, UserErrorCode code) {
        return rejected(List.of(new UserError(field, message, code)));
    }

    public boolean isOk() {
        return errors.isEmpty();
    }
}
