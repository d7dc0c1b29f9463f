package opsline.incident;

import opsline.Api;
import opsline.Json;
import net.minidev.json.JSONValue;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager webhook payloads (version 4) as Alertmanager sends them, and their delivery to
 * {@code POST /api/v1/alerts/alertmanager}.
 */
final class AlertmanagerPayloads {

    static final String PATH = "/api/v1/alerts/alertmanager";
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
}
