package opsline.check;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.check.history.CheckHistory;
import opsline.graphql.Arguments;
import opsline.graphql.Connection;
import opsline.graphql.PageRequest;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceLoaders;
import opsline.system.SiteConfiguration;
import org.dataloader.DataLoader;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Reads of checks: the {@code check} query, the Check type, and the fields checks add to Service. */
@Singleton
class CheckFetchers implements SchemaWiring {

    private static final String REDACTED = "[REDACTED]";

    private final Checks checks;
    private final CheckResultRepository results;
    private final CheckTransitionRepository transitions;
    private final CheckRepository repository;
    private final CheckHistory history;
    private final SiteConfiguration site;

    CheckFetchers(Checks checks, CheckResultRepository results, CheckTransitionRepository transitions,
                  CheckRepository repository, CheckHistory history, SiteConfiguration site) {
        this.checks = checks;
        this.results = results;
        this.transitions = transitions;
        this.repository = repository;
        this.history = history;
        this.site = site;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("check", env -> checks.find(ViewerContext.of(env), env.getArgument("id")).orElse(null)));
        wiring.type("Check", type -> type
                .dataFetcher("service", env -> env.<UUID, Service>getDataLoader(ServiceLoaders.BY_ID).load(env.<Check>getSource().serviceId()))
                .dataFetcher("method", env -> setting(env).method() == null ? (kind(env) == CheckKind.HTTP ? "GET" : null) : setting(env).method())
                .dataFetcher("headers", this::headers)
                .dataFetcher("body", env -> setting(env).body())
                .dataFetcher("followRedirects", env -> http(env, Boolean.TRUE.equals(setting(env).followRedirects())))
                .dataFetcher("verifyTls", env -> http(env, !Boolean.FALSE.equals(setting(env).verifyTls())))
                .dataFetcher("expectedStatus", env -> setting(env).expectedStatus())
                .dataFetcher("query", env -> setting(env).query())
                .dataFetcher("expectedValue", env -> setting(env).expectedValue())
                .dataFetcher("passwordEnv", env -> setting(env).passwordEnv())
                .dataFetcher("certificateWarningDays", env -> setting(env).certificateWarningDays())
                .dataFetcher("pingUrl", env -> {
                    String key = env.<Check>getSource().pingKey();
                    return key == null ? null : site.url("/ping/" + key);
                })
                .dataFetcher("lastResult", env -> env.<UUID, CheckResult>getDataLoader(CheckLoaders.LAST_RESULT).load(env.<Check>getSource().id()))
                .dataFetcher("results", this::results)
                .dataFetcher("transitions", this::transitions)
                .dataFetcher("uptime", env -> env.<CheckLoaders.UptimeKey, CheckHistory.Uptime>getDataLoader(CheckLoaders.CHECK_UPTIME)
                        .load(new CheckLoaders.UptimeKey(env.<Check>getSource().id(), days(env))))
                .dataFetcher("latency", env -> history.latency(List.of(env.<Check>getSource().id()), range(env))));
        wiring.type("CheckTransition", type -> type
                .dataFetcher("from", env -> env.<CheckTransition>getSource().fromState())
                .dataFetcher("to", env -> env.<CheckTransition>getSource().toState())
                .dataFetcher("reason", env -> ViewerContext.of(env).seesInternal() ? env.<CheckTransition>getSource().reason() : null)
                .dataFetcher("check", env -> ViewerContext.of(env).seesInternal()
                        ? env.<UUID, Check>getDataLoader(CheckLoaders.BY_ID).load(env.<CheckTransition>getSource().checkId())
                        : null));
        wiring.type("Service", type -> type
                .dataFetcher("checks", this::serviceChecks)
                .dataFetcher("uptime", env -> env.<CheckLoaders.UptimeKey, CheckHistory.Uptime>getDataLoader(CheckLoaders.SERVICE_UPTIME)
                        .load(new CheckLoaders.UptimeKey(env.<Service>getSource().id(), days(env))))
                .dataFetcher("latency", env -> history.latency(
                        repository.findByServiceIds(List.of(env.<Service>getSource().id())).stream().map(Check::id).toList(), range(env)))
                .dataFetcher("stateChanges", env -> transitions.latestOfService(env.<Service>getSource().id(),
                        Arguments.intBetween(env, "first", 1, 100))));
    }

    private CompletableFuture<List<Check>> serviceChecks(DataFetchingEnvironment env) {
        if (!ViewerContext.of(env).seesInternal()) {
            return CompletableFuture.completedFuture(List.of());
        }
        DataLoader<UUID, List<Check>> loader = env.getDataLoader(CheckLoaders.OF_SERVICE);
        return loader.load(env.<Service>getSource().id()).thenApply(found -> found == null ? List.of() : found);
    }

    /** Header values can hold credentials: admins only. */
    private List<Header> headers(DataFetchingEnvironment env) {
        Viewer viewer = ViewerContext.of(env);
        return setting(env).headersOrEmpty().stream()
                .map(header -> viewer.has(Role.ADMIN) ? header : new Header(header.name(), REDACTED))
                .toList();
    }

    private Connection<CheckResult> results(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env);
        UUID checkId = env.<Check>getSource().id();
        Instant since = env.getArgument("since");
        Long afterMicros = page.afterKey();
        Instant before = afterMicros == null ? null : Instant.EPOCH.plus(afterMicros, ChronoUnit.MICROS);
        List<CheckResult> found = results.page(checkId, before, since, page.first() + 1);
        return Connection.keyed(found, page, result -> ChronoUnit.MICROS.between(Instant.EPOCH, result.checkedAt()),
                results.count(checkId, since));
    }

    private Connection<CheckTransition> transitions(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env);
        UUID checkId = env.<Check>getSource().id();
        return Connection.keyed(transitions.page(checkId, page.afterKey(), page.first() + 1), page, CheckTransition::id,
                transitions.count(checkId));
    }

    private static CheckSettings setting(DataFetchingEnvironment env) {
        return env.<Check>getSource().settings();
    }

    private static CheckKind kind(DataFetchingEnvironment env) {
        return env.<Check>getSource().kind();
    }

    private static Boolean http(DataFetchingEnvironment env, boolean value) {
        return kind(env) == CheckKind.HTTP ? value : null;
    }

    private static int days(DataFetchingEnvironment env) {
        return Arguments.intBetween(env, "days", 1, 400);
    }

    private static CheckHistory.LatencyRange range(DataFetchingEnvironment env) {
        return CheckHistory.LatencyRange.valueOf(env.getArgument("range"));
    }
}
