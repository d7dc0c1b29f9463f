package opsline.validation;

/**
 * Why a change was refused, phrased for the person who asked for it.
 *
 * @param field   the input field at fault, or null when the input as a whole is
 * @param message what is wrong, in words a person can act on
 * @param code    what is wrong, for programs
 */
public record UserError(String field, String message, UserErrorCode code) {
}
