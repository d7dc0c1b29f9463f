package opsline.check.probe;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a check's probe and judges what it saw. Whatever a probe does — throw, fail, hang — the answer
 * is a result: one bad check never stops the others.
 */
@Singleton
public class ProbeRunner {

    private final Map<CheckKind, Probe> probes = new EnumMap<>(CheckKind.class);
    private final JsonMapper json;
    private final Clock clock;

    public ProbeRunner(List<Probe> probes, JsonMapper json, Clock clock) {
        probes.forEach(probe -> this.probes.put(probe.kind(), probe));
        this.json = json;
        this.clock = clock;
    }

    public CompletableFuture<ProbeResult> run(Check check) {
        long start = System.nanoTime();
        List<Condition> conditions;
        CompletableFuture<Observation> observation;
        try {
            conditions = parse(check.conditions());
            observation = probes.get(check.kind()).observe(check);
        } catch (InvalidCondition | RuntimeException e) {
            return CompletableFuture.completedFuture(ProbeResult.failure(HttpProbe.elapsed(start), "the check cannot run: " + e.getMessage()));
        }
        return observation
                .exceptionally(failure -> Observation.unreachable(HttpProbe.elapsed(start),
                        "probe failed: " + Failures.describe(failure, check.timeout(), check.target())))
                .thenApply(seen -> new Verdict(check, seen, new ConditionContext(seen, json, clock), clock).judge(conditions))
                .exceptionally(failure -> ProbeResult.failure(HttpProbe.elapsed(start),
                        "judging the result failed: " + Failures.unwrap(failure).getMessage()));
    }

    /** The problems with a list of conditions, one message each; empty when all parse. */
    public static List<String> problems(List<String> conditions) {
        List<String> problems = new ArrayList<>();
        for (String condition : conditions) {
            try {
                Condition.parse(condition);
            } catch (InvalidCondition e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static List<Condition> parse(List<String> conditions) throws InvalidCondition {
        List<Condition> parsed = new ArrayList<>();
        for (String condition : conditions) {
            parsed.add(Condition.parse(condition));
        }
        return parsed;
    }
}
