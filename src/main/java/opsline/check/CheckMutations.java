package opsline.check;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Input;
import opsline.graphql.Payloads;
import opsline.graphql.SchemaWiring;
import opsline.validation.Outcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static opsline.graphql.ViewerContext.of;

/** Changes to checks: thin mappings from mutation inputs to {@link Checks}. */
@Singleton
class CheckMutations implements SchemaWiring {

    private final Checks checks;
    private final CheckResultRepository results;

    CheckMutations(Checks checks, CheckResultRepository results) {
        this.checks = checks;
        this.results = results;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type
                .dataFetcher("createCheck", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("check", checks.create(of(env), input.string("service"), newFields(input)));
                })
                .dataFetcher("updateCheck", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("check", checks.update(of(env), input.string("id"), current -> changed(input, current)));
                })
                .dataFetcher("deleteCheck", env -> Payloads.of("deletedCheckId",
                        map(checks.delete(of(env), Input.of(env).string("id")), check -> check.id().toString())))
                .dataFetcher("pauseCheck", env -> Payloads.of("check", checks.pause(of(env), Input.of(env).string("id"))))
                .dataFetcher("resumeCheck", env -> Payloads.of("check", checks.resume(of(env), Input.of(env).string("id"))))
                .dataFetcher("runCheckNow", this::runNow));
    }

    private Map<String, Object> runNow(DataFetchingEnvironment env) {
        Outcome<Checks.RunNow> run = checks.runNow(of(env), Input.of(env).string("id"));
        Map<String, Object> payload = Payloads.of("result", run);
        payload.put("result", run.isOk() ? asRun(run.value()) : null);
        payload.put("check", run.isOk() ? run.value().check() : null);
        return payload;
    }

    /** The stored result, with every condition's verdict from the run (storage keeps only failed ones). */
    private CheckResult asRun(Checks.RunNow run) {
        return results.latest(List.of(run.check().id())).stream().findFirst()
                .map(stored -> new CheckResult(stored.id(), stored.checkId(), stored.checkedAt(), stored.success(), stored.outcome(),
                        stored.checkState(), stored.latencyMs(), stored.httpStatus(), stored.message(),
                        new CheckResult.Details(run.result().conditions(), run.result().components())))
                .orElse(null);
    }

    private static CheckFields newFields(Input input) {
        CheckKind kind = input.enumValue("kind", CheckKind.class);
        boolean heartbeat = kind == CheckKind.HEARTBEAT;
        int interval = orDefault(input.integer("intervalSeconds"), CheckFields.DEFAULT_INTERVAL);
        return new CheckFields(input.string("name"), kind, input.string("target"), interval,
                orDefault(input.integer("timeoutSeconds"), Math.max(1, Math.min(CheckFields.DEFAULT_TIMEOUT, interval - 1))),
                orDefault(input.integer("failureThreshold"), heartbeat ? 1 : CheckFields.DEFAULT_FAILURE_THRESHOLD),
                orDefault(input.integer("successThreshold"), 1),
                input.integer("degradedLatencyMs"),
                heartbeat ? orDefault(input.integer("graceSeconds"), CheckFields.DEFAULT_GRACE) : input.integer("graceSeconds"),
                input.list("conditions"),
                settings(input, CheckSettings.NONE));
    }

    private static CheckFields changed(Input input, CheckFields current) {
        return new CheckFields(
                input.valueOr("name", current.name()),
                orDefault(input.enumValue("kind", CheckKind.class), current.kind()),
                input.valueOr("target", current.target()),
                orDefault(input.integer("intervalSeconds"), current.intervalSeconds()),
                orDefault(input.integer("timeoutSeconds"), current.timeoutSeconds()),
                orDefault(input.integer("failureThreshold"), current.failureThreshold()),
                orDefault(input.integer("successThreshold"), current.successThreshold()),
                input.valueOr("degradedLatencyMs", current.degradedLatencyMs()),
                input.valueOr("graceSeconds", current.graceSeconds()),
                input.has("conditions") ? input.list("conditions") : current.conditions(),
                settings(input, current.settings()));
    }

    /** The kind-specific settings in the input, over {@code current} for fields left out. */
    private static CheckSettings settings(Input input, CheckSettings current) {
        String method = input.valueOr("method", current.method());
        return new CheckSettings(
                method == null ? null : method.toUpperCase(Locale.ROOT),
                input.has("headers") ? input.inputs("headers").stream().map(h -> new Header(h.string("name"), h.string("value"))).toList()
                        : current.headers(),
                input.valueOr("body", current.body()),
                input.valueOr("followRedirects", current.followRedirects()),
                input.valueOr("verifyTls", current.verifyTls()),
                input.valueOr("expectedStatus", current.expectedStatus()),
                input.valueOr("query", current.query()),
                input.valueOr("expectedValue", current.expectedValue()),
                input.valueOr("passwordEnv", current.passwordEnv()),
                input.valueOr("certificateWarningDays", current.certificateWarningDays()));
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static <T, R> Outcome<R> map(Outcome<T> outcome, Function<T, R> mapping) {
        return outcome.isOk() ? Outcome.ok(mapping.apply(outcome.value())) : Outcome.rejected(outcome.errors());
    }
}
