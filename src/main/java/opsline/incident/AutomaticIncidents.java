package opsline.incident;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckState;
import opsline.check.CheckRepository;
import opsline.check.CheckTransitionListener;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import opsline.service.ServiceStatus;
import opsline.system.AdvisoryLocks;
import opsline.system.PeriodicJob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks on incident timelines, and incidents from checks. Every state change of a check of an
 * affected service is written on the open incident's timeline. For services with automatic incidents,
 * a check going DOWN declares one (unless one is open: the database allows one per service, however
 * many checks fail at once on however many instances); once none of the service's checks is DOWN it
 * moves to MONITORING, a new failure moves it back to INVESTIGATING, and after a quiet period in
 * MONITORING it resolves itself.
 */
@Singleton
class AutomaticIncidents implements CheckTransitionListener, PeriodicJob {

    static final String AUTHOR = "system";

    private final IncidentRepository incidents;
    private final Incidents lifecycle;
    private final Timeline timeline;
    private final ServiceCatalog services;
    private final CheckRepository checks;
    private final IncidentConfiguration configuration;
    private final AdvisoryLocks locks;
    private final Clock clock;

    AutomaticIncidents(IncidentRepository incidents, Incidents lifecycle, Timeline timeline, ServiceCatalog services, CheckRepository checks,
                       IncidentConfiguration configuration, AdvisoryLocks locks, Clock clock) {
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.timeline = timeline;
        this.services = services;
        this.checks = checks;
        this.configuration = configuration;
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public void onTransition(Check check, CheckState from, CheckState to, String reason, Instant at) {
        Optional<Service> service = services.byIds(List.of(check.serviceId())).stream().findFirst();
        if (service.isEmpty()) {
            return;
        }
        if (to == CheckState.DOWN && service.get().autoIncidents()) {
            declareOnce(service.get(), check, reason, at);
        }
        String line = "Check '" + check.name() + "' of " + service.get().name() + ": " + from + " → " + to + " (" + reason + ").";
        for (Incident open : incidents.openAffecting(service.get().id())) {
            timeline.system(open, EntryKind.CHECK_TRANSITION, line, Visibility.INTERNAL, null, AUTHOR, at);
            if (open.source() != IncidentSource.CHECK) {
                continue;
            }
            if (to == CheckState.DOWN && open.status() == IncidentStatus.MONITORING) {
                lifecycle.moveTo(open, IncidentStatus.INVESTIGATING, null, AUTHOR, false);
            } else if (recovered(from, to) && open.status() != IncidentStatus.MONITORING && noCheckDown(service.get())) {
                lifecycle.moveTo(open, IncidentStatus.MONITORING, null, AUTHOR, false);
            }
        }
    }

    /**
     * Declares the service's automatic incident unless one is open. Instances take turns per service
     * (an advisory lock), so the loser of a race sees the winner's incident; a unique index makes a
     * second open automatic incident impossible anyway.
     */
    private void declareOnce(Service service, Check check, String reason, Instant at) {
        locks.lockForTransaction(AdvisoryLocks.Key.AUTOMATIC_INCIDENT, service.id());
        if (incidents.findOpenAutomatic(service.id()).isPresent()) {
            return;
        }
        Incident incident = lifecycle.open(AUTHOR, service.name() + " is down", Severity.P2, Visibility.PUBLIC, IncidentSource.CHECK,
                null, service.id(), at, Map.of(service.id(), ServiceStatus.MAJOR_OUTAGE));
        timeline.system(incident, EntryKind.STATUS_UPDATE, "We are investigating problems with " + service.name() + ".",
                Visibility.PUBLIC, IncidentStatus.INVESTIGATING, AUTHOR, at);
    }

    /** Whether every check of the service is past DOWN: the states were written in this transaction. */
    private boolean noCheckDown(Service service) {
        return checks.findByServiceIds(List.of(service.id())).stream().noneMatch(check -> check.state() == CheckState.DOWN);
    }

    private String quietPeriodInWords() {
        Duration quiet = configuration.autoResolveQuietPeriod();
        return quiet.toMinutes() >= 1 ? quiet.toMinutes() + " min" : quiet.toSeconds() + " s";
    }

    private static boolean recovered(CheckState from, CheckState to) {
        return from == CheckState.DOWN && (to == CheckState.UP || to == CheckState.DEGRADED);
    }

    @Override
    public String name() {
        return "automatic-incident-resolution";
    }

    @Override
    public Duration period() {
        return Duration.ofMinutes(1);
    }

    /** Resolves automatic incidents that have stayed quiet in MONITORING for the quiet period. */
    @Override
    @Transactional
    public void run() {
        Instant quietSince = clock.instant().minus(configuration.autoResolveQuietPeriod());
        for (Incident quiet : incidents.quietAutomatic(quietSince)) {
            lifecycle.moveTo(quiet, IncidentStatus.RESOLVED, "Resolved automatically: the checks have passed for "
                    + quietPeriodInWords() + ".", AUTHOR, false);
        }
    }
}
