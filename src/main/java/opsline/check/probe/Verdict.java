package opsline.check.probe;

import opsline.check.Check;
import opsline.check.CheckKind;
import opsline.check.CheckState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Judges an observation: default expectations per kind, the check's conditions, then degradation. */
final class Verdict {

    private static final int DEFAULT_CERTIFICATE_WARNING_DAYS = 14;

    private final Check check;
    private final Observation observation;
    private final ConditionContext context;
    private final Clock clock;

    Verdict(Check check, Observation observation, ConditionContext context, Clock clock) {
        this.check = check;
        this.observation = observation;
        this.context = context;
        this.clock = clock;
    }

    ProbeResult judge(List<Condition> conditions) {
        List<ConditionResult> judged = conditions.stream().map(condition -> condition.evaluate(context)).toList();
        List<HealthComponent> components = context.json().map(ActuatorHealth::components).orElse(List.of());
        Optional<String> failure = observation.reached() ? firstFailure(conditions, judged) : Optional.of(observation.error());
        if (failure.isPresent()) {
            return result(CheckState.DOWN, failure.get(), judged, components);
        }
        Optional<String> degradation = degradation();
        if (degradation.isPresent()) {
            return result(CheckState.DEGRADED, degradation.get(), judged, components);
        }
        return result(CheckState.UP, success(), judged, components);
    }

    private Optional<String> firstFailure(List<Condition> conditions, List<ConditionResult> judged) {
        List<String> problems = new ArrayList<>(defaultProblems(conditions));
        judged.stream().filter(result -> !result.success()).map(ConditionResult::detail).forEach(problems::add);
        return problems.stream().findFirst();
    }

    /** What every check of a kind must satisfy unless its conditions say otherwise. */
    private List<String> defaultProblems(List<Condition> conditions) {
        List<String> problems = new ArrayList<>();
        boolean statusConditioned = conditions.stream().anyMatch(condition -> condition.text().contains("[STATUS]"));
        boolean bodyConditioned = conditions.stream().anyMatch(condition -> condition.text().contains("[BODY]"));
        if (check.kind() == CheckKind.HTTP && !statusConditioned && !statusExpected()) {
            Integer expected = check.settings().expectedStatus();
            String wanted = expected == null ? "a 2xx status" : String.valueOf(expected);
            String redirect = observation.httpStatus() / 100 == 3 && Boolean.TRUE.equals(check.settings().followRedirects())
                    ? " (too many redirects: a redirect loop?)" : "";
            problems.add("HTTP " + observation.httpStatus() + redirect + ", expected " + wanted);
        }
        if (check.kind() == CheckKind.HTTP && !bodyConditioned) {
            context.json().flatMap(ActuatorHealth::status).filter(status -> !status.equals("UP"))
                    .ifPresent(status -> problems.add("health status " + status + downComponents()));
        }
        if (observation.certificateProblem() != null) {
            problems.add(observation.certificateProblem());
        }
        String expectedValue = check.settings().expectedValue();
        if ((check.kind() == CheckKind.DNS || check.kind() == CheckKind.POSTGRES) && expectedValue != null
                && !observation.values().contains(expectedValue)) {
            problems.add((check.kind() == CheckKind.DNS ? "answers " : "query answered ") + observation.values()
                    + ", expected " + expectedValue);
        }
        if (check.kind() == CheckKind.DNS && observation.values().isEmpty()) {
            problems.add("no answer" + (observation.dnsCode() == null ? "" : " (" + observation.dnsCode() + ")"));
        }
        return problems;
    }

    private boolean statusExpected() {
        Integer status = observation.httpStatus();
        Integer expected = check.settings().expectedStatus();
        return expected == null ? status / 100 == 2 : status.equals(expected);
    }

    private String downComponents() {
        List<String> down = context.json().map(ActuatorHealth::components).orElse(List.of()).stream()
                .filter(component -> !component.status().equals("UP"))
                .map(component -> component.name() + " " + component.status())
                .toList();
        return down.isEmpty() ? "" : " (" + String.join(", ", down) + ")";
    }

    private Optional<String> degradation() {
        Integer slow = check.degradedLatencyMs();
        if (slow != null && observation.latencyMs() > slow) {
            return Optional.of("slow: " + observation.latencyMs() + " ms, above " + slow + " ms");
        }
        Instant expiry = observation.certificateExpiresAt();
        Integer warningDays = check.settings().certificateWarningDays();
        if (warningDays == null && check.kind() == CheckKind.TLS_CERT) {
            warningDays = DEFAULT_CERTIFICATE_WARNING_DAYS;
        }
        if (expiry != null && warningDays != null && expiry.isBefore(clock.instant())) {
            return Optional.of("certificate expired on " + date(expiry));
        }
        if (expiry != null && warningDays != null && expiry.isBefore(clock.instant().plus(Duration.ofDays(warningDays)))) {
            long days = Duration.between(clock.instant(), expiry).toDays();
            return Optional.of("certificate expires on " + date(expiry) + " (in " + days + " days)");
        }
        return Optional.empty();
    }

    private String success() {
        long ms = observation.latencyMs();
        return switch (check.kind()) {
            case HTTP -> "HTTP " + observation.httpStatus() + " in " + ms + " ms";
            case TCP -> "connected in " + ms + " ms";
            case POSTGRES -> "query answered " + (observation.values().isEmpty() ? "no rows" : String.join(", ", observation.values()))
                    + " in " + ms + " ms";
            case DNS -> "answers " + String.join(", ", observation.values()) + " in " + ms + " ms";
            case TLS_CERT -> "certificate valid until " + date(observation.certificateExpiresAt());
            case HEARTBEAT -> "ping received";
        };
    }

    static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private ProbeResult result(CheckState outcome, String message, List<ConditionResult> judged, List<HealthComponent> components) {
        return new ProbeResult(outcome, observation.latencyMs(), observation.httpStatus(), message, judged, components);
    }
}
