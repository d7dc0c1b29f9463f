package opsline.incident;

import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus Alertmanager webhook (version 4), checked for shape: every problem is reported with the
 * field it is in, so a misconfigured receiver hears exactly what is wrong.
 */
record AlertmanagerPayload(String status, String groupKey, Map<String, String> commonLabels,
                           Map<String, String> commonAnnotations, List<Alert> alerts) {

    /** One alert of the group. */
    record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt, String fingerprint) {

        String name() {
            return labels.getOrDefault("alertname", "alert");
        }

        String summary() {
            return annotations.getOrDefault("summary", annotations.getOrDefault("description", ""));
        }
    }

    boolean firing() {
        return "firing".equals(status);
    }

    /** The payload, or the problems that make it unusable. */
    static Parsed parse(Object payload) {
        Problems problems = new Problems();
        if (!(payload instanceof Map<?, ?> body)) {
            problems.add("payload", "The payload must be Alertmanager's JSON object.", UserErrorCode.INVALID);
            return new Parsed(null, problems);
        }
        if (body.get("version") != null && !"4".equals(String.valueOf(body.get("version")))) {
            problems.add("payload.version", "Only webhook payload version 4 is understood; got " + body.get("version") + ".", UserErrorCode.INVALID);
        }
        String status = text(body, "status", "payload.status", problems);
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            problems.add("payload.status", "status must be firing or resolved; got '" + status + "'.", UserErrorCode.INVALID);
        }
        String groupKey = text(body, "groupKey", "payload.groupKey", problems);
        List<Alert> alerts = new ArrayList<>();
        if (!(body.get("alerts") instanceof List<?> list)) {
            problems.add("payload.alerts", "alerts must be a list.", UserErrorCode.REQUIRED);
        } else {
            for (int i = 0; i < list.size(); i++) {
                alerts.add(alert(list.get(i), "payload.alerts." + i, problems));
            }
        }
        return new Parsed(new AlertmanagerPayload(status, groupKey, strings(body.get("commonLabels")),
                strings(body.get("commonAnnotations")), alerts), problems);
    }

    /** A parse: the payload, usable when there are no problems. */
    record Parsed(AlertmanagerPayload payload, Problems problems) {
    }

    private static Alert alert(Object value, String field, Problems problems) {
        if (!(value instanceof Map<?, ?> alert)) {
            problems.add(field, "Each alert must be an object.", UserErrorCode.INVALID);
            return null;
        }
        String status = text(alert, "status", field + ".status", problems);
        String fingerprint = text(alert, "fingerprint", field + ".fingerprint", problems);
        Instant started = time(text(alert, "startsAt", field + ".startsAt", problems), "startsAt", field, problems);
        if (alert.get("endsAt") != null) {
            // Not used (a resolved alert's status says it), but a payload with a broken one is not Alertmanager's.
            time(alert.get("endsAt") instanceof String ends ? ends : String.valueOf(alert.get("endsAt")), "endsAt", field, problems);
        }
        if (!(alert.get("labels") instanceof Map<?, ?>)) {
            problems.add(field + ".labels", "labels must be an object.", UserErrorCode.REQUIRED);
        }
        return new Alert(status, strings(alert.get("labels")), strings(alert.get("annotations")), started, fingerprint);
    }

    private static Instant time(String value, String key, String field, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + "." + key, key + " must be an RFC 3339 time; got '" + value + "'.", UserErrorCode.INVALID);
            return null;
        }
    }

    private static String text(Map<?, ?> object, String key, String field, Problems problems) {
        Object value = object.get(key);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        problems.add(field, key + " is required and must be a string.", UserErrorCode.REQUIRED);
        return null;
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, item) -> strings.put(String.valueOf(key), String.valueOf(item)));
        return strings;
    }
}
