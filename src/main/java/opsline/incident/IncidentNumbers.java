package opsline.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reading the identifiers people and integrations send: incident numbers like {@code INC-42}, and ids. */
final class IncidentNumbers {

    private IncidentNumbers() {
    }

    /** {@code INC-42}, {@code inc-42} or {@code 42}. */
    static Optional<Long> parse(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String digits = number.trim().toUpperCase(Locale.ROOT);
        digits = digits.startsWith(Incident.PREFIX) ? digits.substring(Incident.PREFIX.length()) : digits;
        try {
            long value = Long.parseLong(digits);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
