package opsline.validation;

/** Kinds of refusal, as the API's {@code UserErrorCode} enum names them. */
public enum UserErrorCode {
    REQUIRED,
    INVALID,
    TAKEN,
    NOT_FOUND,
    CONFLICT
}
