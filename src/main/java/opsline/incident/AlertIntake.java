package opsline.incident;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import opsline.service.ServiceStatus;
import opsline.system.AdvisoryLocks;
import opsline.validation.Outcome;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Alerts from Prometheus Alertmanager. Firing alerts open an incident per group key, or add to the open
 * one; resolved alerts are written on its timeline and move it to MONITORING. Each alert state is
 * written once (keyed by fingerprint, status and start), so a redelivered payload changes nothing.
 */
@Singleton
public class AlertIntake {

    static final String AUTHOR = "alertmanager";

    private final IncidentRepository incidents;
    private final Incidents lifecycle;
    private final Timeline timeline;
    private final ServiceCatalog services;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public AlertIntake(IncidentRepository incidents, Incidents lifecycle, Timeline timeline, ServiceCatalog services,
                       AdvisoryLocks locks, Clock clock) {
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.timeline = timeline;
        this.services = services;
        this.locks = locks;
        this.clock = clock;
    }

    /** What a payload did: the incident it went to, whether it opened it, and how many entries it added. */
    public record Intake(Incident incident, boolean created, int entriesAdded) {
    }

    @Transactional
    public Outcome<Intake> alertmanager(Viewer viewer, Object body) {
        viewer.require(Role.RESPONDER);
        AlertmanagerPayload.Parsed parsed = AlertmanagerPayload.parse(body);
        if (parsed.problems().any()) {
            return parsed.problems().rejection();
        }
        AlertmanagerPayload payload = parsed.payload();
        locks.lockForTransaction(AdvisoryLocks.Key.ALERT_GROUP, UUID.nameUUIDFromBytes(payload.groupKey().getBytes()));
        Optional<Incident> open = incidents.findOpenByKey(payload.groupKey());
        boolean anyFiring = payload.alerts().stream().anyMatch(alert -> "firing".equals(alert.status()));
        if (open.isEmpty() && !anyFiring) {
            Optional<Incident> latest = incidents.findLatestByKey(payload.groupKey());
            return Outcome.ok(latest.map(incident -> new Intake(incident, false, write(incident, payload))).orElse(new Intake(null, false, 0)));
        }
        boolean created = open.isEmpty();
        Incident incident = open.orElseGet(() -> declare(payload));
        int added = write(incident, payload);
        if (!payload.firing() && added > 0 && incident.status() != IncidentStatus.MONITORING && incident.status().open()) {
            incident = lifecycle.moveTo(incident, IncidentStatus.MONITORING, null, AUTHOR, false);
        }
        return Outcome.ok(new Intake(incident, created, added));
    }

    private Incident declare(AlertmanagerPayload payload) {
        Instant started = payload.alerts().stream().map(AlertmanagerPayload.Alert::startsAt).min(Instant::compareTo).orElse(clock.instant());
        String title = payload.commonAnnotations().getOrDefault("summary",
                payload.commonLabels().getOrDefault("alertname", "Alerts from Alertmanager"));
        Severity severity = severity(payload.commonLabels().getOrDefault("severity", ""));
        return lifecycle.open(AUTHOR, title, severity, Visibility.INTERNAL, IncidentSource.INTEGRATION, payload.groupKey(), null,
                started.isAfter(clock.instant()) ? clock.instant() : started, affected(payload, severity));
    }

    /** Services named by the alerts' {@code service} label, when such services exist. */
    private Map<UUID, ServiceStatus> affected(AlertmanagerPayload payload, Severity severity) {
        Map<UUID, ServiceStatus> affected = new LinkedHashMap<>();
        payload.alerts().stream().map(alert -> alert.labels().get("service")).filter(slug -> slug != null)
                .map(slug -> services.find(Viewer.SYSTEM, slug)).flatMap(Optional::stream).map(Service::id)
                .forEach(id -> affected.put(id, severity.defaultImpact()));
        return affected;
    }

    private int write(Incident incident, AlertmanagerPayload payload) {
        int added = 0;
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            String key = "alertmanager:" + alert.fingerprint() + ":" + alert.status() + ":" + alert.startsAt();
            String labels = alert.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            String body = alert.status().toUpperCase(Locale.ROOT) + ": **" + alert.name() + "**"
                    + (alert.summary().isBlank() ? "" : " — " + alert.summary()) + "\n\n`" + labels + "`";
            if (timeline.fromSource(incident, EntryKind.ALERT, body, Visibility.INTERNAL, AUTHOR, clock.instant(), key)) {
                added++;
            }
        }
        return added;
    }

    /** Alertmanager severities as Opsline's; P3 when there is none. */
    static Severity severity(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "p1" -> Severity.P1;
            case "error", "high", "major", "p2" -> Severity.P2;
            case "info", "low", "p4" -> Severity.P4;
            default -> Severity.P3;
        };
    }
}
