package opsline.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects everything wrong with an input, so one answer names every problem at once. */
public final class Problems {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final List<UserError> errors = new ArrayList<>();

    public Problems add(String field, String message, UserErrorCode code) {
        errors.add(new UserError(field, message, code));
        return this;
    }

    /** A value that must be present, not blank, and at most {@code maxLength} characters. */
    public Problems text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return add(field, capitalize(field) + " is required.", UserErrorCode.REQUIRED);
        }
        return optionalText(field, value, maxLength);
    }

    /** A value that may be absent but, when given, is at most {@code maxLength} characters. */
    public Problems optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            add(field, capitalize(field) + " must be at most " + maxLength + " characters.", UserErrorCode.INVALID);
        }
        return this;
    }

    public Problems slug(String field, String value) {
        if (value == null || value.isBlank()) {
            return add(field, capitalize(field) + " is required.", UserErrorCode.REQUIRED);
        }
        if (value.length() > 64 || !SLUG.matcher(value).matches()) {
            add(field, capitalize(field) + " must be 1 to 64 lowercase letters, digits and single hyphens, "
                    + "such as checkout-api; got '" + value + "'.", UserErrorCode.INVALID);
        }
        return this;
    }

    public Problems httpUrl(String field, String value) {
        if (value == null || value.isBlank()) {
            return add(field, capitalize(field) + " is required.", UserErrorCode.REQUIRED);
        }
        if (value.length() > 2048 || !isHttpUrl(value)) {
            add(field, capitalize(field) + " must be an absolute http or https URL; got '" + value + "'.",
                    UserErrorCode.INVALID);
        }
        return this;
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public <T> Outcome<T> rejection() {
        return Outcome.rejected(errors);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String capitalize(String field) {
        String last = field.substring(field.lastIndexOf('.') + 1);
        return Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }
}
