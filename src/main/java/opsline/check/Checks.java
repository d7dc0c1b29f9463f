package opsline.check;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.check.probe.ProbeResult;
import opsline.check.probe.ProbeRunner;
import opsline.check.schedule.ResultRecorder;
import opsline.event.Events;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UniqueViolation;
import opsline.validation.UserErrorCode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** The checks of services: who may see and change them, and what a change does to their schedule. */
@Singleton
public class Checks {

    /** A new check's first run comes within this, spread so that many new checks do not start at once. */
    private static final Duration FIRST_RUN_SPREAD = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckRepository checks;
    private final ServiceCatalog services;
    private final ProbeRunner probes;
    private final ResultRecorder recorder;
    private final TransitionLog transitions;
    private final Events events;
    private final Clock clock;

    public Checks(CheckRepository checks, ServiceCatalog services, ProbeRunner probes, ResultRecorder recorder,
                  TransitionLog transitions, Events events, Clock clock) {
        this.checks = checks;
        this.services = services;
        this.probes = probes;
        this.recorder = recorder;
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    /** Check definitions name internal hosts: signed-in viewers only. */
    public Optional<Check> find(Viewer viewer, String id) {
        return viewer.seesInternal() ? parse(id).flatMap(checks::findById) : Optional.empty();
    }

    public List<Check> ofServices(Viewer viewer, Collection<UUID> serviceIds) {
        return viewer.seesInternal() && !serviceIds.isEmpty() ? checks.findByServiceIds(serviceIds) : List.of();
    }

    @Transactional
    public Outcome<Check> create(Viewer viewer, String serviceSlug, CheckFields fields) {
        viewer.require(Role.ADMIN);
        Optional<Service> service = services.find(viewer, serviceSlug == null ? "" : serviceSlug);
        Problems problems = fields.validate();
        if (service.isEmpty()) {
            problems.add("service", "No service has the slug '" + serviceSlug + "'.", UserErrorCode.NOT_FOUND);
        } else if (fields.name() != null && checks.findByServiceAndName(service.get().id(), fields.name()).isPresent()) {
            problems.add("name", "'" + serviceSlug + "' already has a check named '" + fields.name() + "'.", UserErrorCode.TAKEN);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        Instant now = clock.instant();
        String pingKey = fields.kind() == CheckKind.HEARTBEAT ? newPingKey() : null;
        Check check = new Check(UUID.randomUUID(), service.get().id(), fields.name(), fields.kind(), fields.target(),
                fields.settings(), fields.conditions(), fields.intervalSeconds(), fields.timeoutSeconds(),
                fields.failureThreshold(), fields.successThreshold(), fields.degradedLatencyMs(), fields.graceSeconds(),
                pingKey, false, CheckState.UNKNOWN, now, 0, 0, null, null, null, firstRun(fields, now), null, null, now, now);
        try {
            checks.save(check);
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return Outcome.rejected("name", "'" + serviceSlug + "' already has a check named '" + fields.name() + "'.", UserErrorCode.TAKEN);
        }
        events.publish("check.created", check.id().toString(), Map.of("serviceId", check.serviceId().toString()));
        return Outcome.ok(check);
    }

    /** Applies {@code changes} to the check's fields; a new kind or target starts it afresh. */
    @Transactional
    public Outcome<Check> update(Viewer viewer, String id, UnaryOperator<CheckFields> changes) {
        viewer.require(Role.ADMIN);
        Optional<Check> found = parse(id).flatMap(checks::lock);
        if (found.isEmpty()) {
            return unknown(id);
        }
        Check current = found.get();
        CheckFields fields = changes.apply(fieldsOf(current));
        Problems problems = fields.validate();
        Optional<Check> sameName = fields.name() == null ? Optional.empty() : checks.findByServiceAndName(current.serviceId(), fields.name());
        if (sameName.isPresent() && !sameName.get().id().equals(current.id())) {
            problems.add("name", "This service already has a check named '" + fields.name() + "'.", UserErrorCode.TAKEN);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        Instant now = clock.instant();
        boolean fresh = fields.kind() != current.kind() || !Objects.equals(fields.target(), current.target());
        boolean rescheduled = fresh || fields.intervalSeconds() != current.intervalSeconds();
        CheckState state = current.paused() ? CheckState.PAUSED : fresh ? CheckState.UNKNOWN : current.state();
        String pingKey = fields.kind() == CheckKind.HEARTBEAT ? (current.pingKey() == null ? newPingKey() : current.pingKey()) : null;
        Check changed = checks.update(new Check(current.id(), current.serviceId(), fields.name(), fields.kind(), fields.target(),
                fields.settings(), fields.conditions(), fields.intervalSeconds(), fields.timeoutSeconds(), fields.failureThreshold(),
                fields.successThreshold(), fields.degradedLatencyMs(), fields.graceSeconds(), pingKey, current.paused(), state,
                state == current.state() ? current.stateSince() : now,
                fresh ? 0 : current.consecutiveFailures(), fresh ? 0 : current.consecutiveSuccesses(), current.lastCheckedAt(),
                current.lastPingAt(), current.pingStartedAt(), rescheduled ? firstRun(fields, now) : current.nextRunAt(),
                current.leaseOwner(), current.leaseUntil(), current.createdAt(), now));
        if (state != current.state()) {
            transitions.record(changed, current.state(), state, "check changed: new kind or target", now);
        }
        events.publish("check.updated", changed.id().toString(), Map.of("serviceId", changed.serviceId().toString()));
        return Outcome.ok(changed);
    }

    @Transactional
    public Outcome<Check> delete(Viewer viewer, String id) {
        viewer.require(Role.ADMIN);
        Optional<Check> found = parse(id).flatMap(checks::findById);
        if (found.isEmpty()) {
            return unknown(id);
        }
        checks.delete(found.get());
        events.publish("check.deleted", found.get().id().toString(), Map.of("serviceId", found.get().serviceId().toString()));
        return Outcome.ok(found.get());
    }

    @Transactional
    public Outcome<Check> pause(Viewer viewer, String id) {
        viewer.require(Role.RESPONDER);
        return parse(id).flatMap(checks::lock).map(check -> {
            if (check.paused()) {
                return Outcome.ok(check);
            }
            Instant now = clock.instant();
            Check paused = checks.update(withPause(check, true, CheckState.PAUSED, now, check.nextRunAt()));
            transitions.record(paused, check.state(), CheckState.PAUSED, "paused by " + viewer.name(), now);
            return Outcome.ok(paused);
        }).orElseGet(() -> unknown(id));
    }

    @Transactional
    public Outcome<Check> resume(Viewer viewer, String id) {
        viewer.require(Role.RESPONDER);
        return parse(id).flatMap(checks::lock).map(check -> {
            if (!check.paused()) {
                return Outcome.ok(check);
            }
            Instant now = clock.instant();
            Instant next = check.kind() == CheckKind.HEARTBEAT ? now.plus(check.heartbeatAllowance()) : now;
            Check resumed = checks.update(withPause(check, false, CheckState.UNKNOWN, now, next));
            transitions.record(resumed, CheckState.PAUSED, CheckState.UNKNOWN, "resumed by " + viewer.name(), now);
            return Outcome.ok(resumed);
        }).orElseGet(() -> unknown(id));
    }

    /** Runs the probe now, records its result like any other run, and returns it. */
    public Outcome<RunNow> runNow(Viewer viewer, String id) {
        viewer.require(Role.RESPONDER);
        Optional<Check> found = parse(id).flatMap(checks::findById);
        if (found.isEmpty()) {
            return unknown(id);
        }
        if (found.get().kind() == CheckKind.HEARTBEAT) {
            return Outcome.rejected("id", "A heartbeat check is not run: jobs ping its URL.", UserErrorCode.INVALID);
        }
        Instant at = clock.instant();
        ProbeResult result = probes.run(found.get()).join();
        Check after = recorder.recordNow(found.get().id(), result, at);
        return Outcome.ok(new RunNow(after, result, at));
    }

    /** A run made on request: the check afterwards, and what the run found. */
    public record RunNow(Check check, ProbeResult result, Instant at) {
    }

    private static Check withPause(Check check, boolean paused, CheckState state, Instant now, Instant nextRunAt) {
        return new Check(check.id(), check.serviceId(), check.name(), check.kind(), check.target(), check.settings(),
                check.conditions(), check.intervalSeconds(), check.timeoutSeconds(), check.failureThreshold(),
                check.successThreshold(), check.degradedLatencyMs(), check.graceSeconds(), check.pingKey(), paused, state, now,
                0, 0, check.lastCheckedAt(), check.lastPingAt(), check.pingStartedAt(), nextRunAt, null, null,
                check.createdAt(), now);
    }

    static CheckFields fieldsOf(Check check) {
        return new CheckFields(check.name(), check.kind(), check.target(), check.intervalSeconds(), check.timeoutSeconds(),
                check.failureThreshold(), check.successThreshold(), check.degradedLatencyMs(), check.graceSeconds(),
                check.conditions(), check.settings());
    }

    private static Instant firstRun(CheckFields fields, Instant now) {
        if (fields.kind() == CheckKind.HEARTBEAT) {
            return now.plusSeconds(fields.intervalSeconds() + (fields.graceSeconds() == null ? 0 : fields.graceSeconds()));
        }
        long spread = Math.min(FIRST_RUN_SPREAD.toMillis(), fields.intervalSeconds() * 1000L);
        return now.plusMillis(ThreadLocalRandom.current().nextLong(spread));
    }

    private static String newPingKey() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static <T> Outcome<T> unknown(String id) {
        return Outcome.rejected("id", "No check has the id '" + id + "'.", UserErrorCode.NOT_FOUND);
    }
}
