package opsline.incident;

import opsline.Api;
import opsline.Json;
import net.minidev.json.JSONValue;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager webhook payloads (version 4) as Alertmanager sends them, and their delivery to
 * {@code POST /api/v1/alerts/alertmanager}.
 */
final class AlertmanagerPayloads {

    static final String PATH = "/api/v1/alerts/alertmanager";
    /** The example group the tests deliver: Alertmanager's group key, first start and common labels. */
    static final String GROUP = "{}/{severity=\"critical\"}:{alertname=\"HighErrorRate\"}";
    static final String STARTED = "2024-05-01T10:00:00.123456789Z";
    static final Map<String, String> COMMON = Map.of("alertname", "HighErrorRate", "severity", "critical");
    /** Alertmanager's "not ended yet". */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private AlertmanagerPayloads() {
    }

    /** One alert: firing or resolved, with labels (alertname among them) and start time as Alertmanager writes it. */
    static Map<String, Object> alert(String status, String fingerprint, String startsAt, Map<String, String> labels) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", labels.getOrDefault("alertname", "alert") + " on " + fingerprint));
        alert.put("startsAt", startsAt);
        alert.put("endsAt", status.equals("resolved") ? "2024-05-01T10:30:00.5Z" : ZERO_TIME);
        alert.put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=up+%3D%3D+0");
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    /** A whole webhook body for a group, its status and common labels as Alertmanager derives them. */
    static Map<String, Object> payload(String status, String groupKey, Map<String, String> commonLabels, String summary,
                                       List<Map<String, Object>> alerts) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", "4");
        payload.put("groupKey", groupKey);
        payload.put("truncatedAlerts", 0);
        payload.put("status", status);
        payload.put("receiver", "opsline");
        payload.put("groupLabels", Map.of("alertname", commonLabels.getOrDefault("alertname", "")));
        payload.put("commonLabels", commonLabels);
        payload.put("commonAnnotations", summary == null ? Map.of() : Map.of("summary", summary));
        payload.put("externalURL", "http://alertmanager.example:9093");
        payload.put("alerts", alerts);
        return payload;
    }

    static String json(Map<String, Object> payload) {
        return JSONValue.toJSONString(payload);
    }

    /** Posts this body as Alertmanager does, with the token as bearer credentials when there is one. */
    static Json post(Api api, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(PATH))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Alertmanager/0.27.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    static Json post(Api api, String token, Map<String, Object> payload) {
        return post(api, token, json(payload));
    }

    @SafeVarargs
    static Map<String, Object> firing(Map<String, Object>... alerts) {
        return payload("firing", GROUP, COMMON, "Error rate above 5%", List.of(alerts));
    }

    static Map<String, Object> alertOn(String fingerprint, String startsAt, String service) {
        return alert("firing", fingerprint, startsAt, labels(fingerprint, service));
    }

    static Map<String, String> labels(String fingerprint, String service) {
        Map<String, String> labels = new HashMap<>(Map.of("alertname", "HighErrorRate", "severity", "critical", "instance", fingerprint + ":9100"));
        if (service != null) {
            labels.put("service", service);
        }
        return labels;
    }

    static Map<String, Object> with(Map<String, Object> payload, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(payload);
        changed.put(key, value);
        return changed;
    }

    static Map<String, Object> without(Map<String, Object> payload, String key) {
        Map<String, Object> changed = new HashMap<>(payload);
        changed.remove(key);
        return changed;
    }

    /** The payload with a field of its first alert changed (null removes it). */
    static Map<String, Object> withAlert(Map<String, Object> payload, String key, Object value) {
        List<Map<String, Object>> alerts = cast(payload.get("alerts"));
        Map<String, Object> first = new HashMap<>(alerts.get(0));
        if (value == null) {
            first.remove(key);
        } else {
            first.put(key, value);
        }
        return with(payload, "alerts", List.of(first));
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }
}
