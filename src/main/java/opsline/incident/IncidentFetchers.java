package opsline.incident;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Arguments;
import opsline.graphql.Connection;
import opsline.graphql.PageRequest;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceLoaders;
import org.dataloader.DataLoader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Reads of incidents: the queries, the Incident and TimelineEntry types, and Service.activeIncidents. */
@Singleton
class IncidentFetchers implements SchemaWiring {

    private static final Duration DEFAULT_METRICS_WINDOW = Duration.ofDays(30);

    private final Incidents incidents;
    private final IncidentSearch search;
    private final Timeline timeline;
    private final Postmortems postmortems;
    private final SeverityPolicy policy;
    private final Markdown markdown;
    private final Clock clock;

    IncidentFetchers(Incidents incidents, IncidentSearch search, Timeline timeline, Postmortems postmortems, SeverityPolicy policy,
                     Markdown markdown, Clock clock) {
        this.incidents = incidents;
        this.search = search;
        this.timeline = timeline;
        this.postmortems = postmortems;
        this.policy = policy;
        this.markdown = markdown;
        this.clock = clock;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("incidents", this::incidents)
                .dataFetcher("incident", env -> incidents.find(ViewerContext.of(env), env.getArgument("number")).orElse(null))
                .dataFetcher("incidentMetrics", env -> {
                    Instant since = env.getArgument("since");
                    String severity = env.getArgument("severity");
                    return search.metrics(ViewerContext.of(env), since == null ? clock.instant().minus(DEFAULT_METRICS_WINDOW) : since,
                            severity == null ? null : Severity.valueOf(severity));
                })
                .dataFetcher("severityPolicy", env -> policy.all())
                .dataFetcher("publicUpdates", env -> timeline.latestPublicUpdatesEverywhere(Arguments.intBetween(env, "first", 1, 200))));
        wiring.type("Incident", type -> type
                .dataFetcher("number", env -> incident(env).label())
                .dataFetcher("sourceKey", env -> internal(env) ? incident(env).sourceKey() : null)
                .dataFetcher("affectedServices", this::affectedServices)
                .dataFetcher("roles", env -> internal(env) ? listOf(env, IncidentLoaders.ROLES, incident(env).id()) : List.of())
                .dataFetcher("acknowledgeBy", env -> policy.acknowledgeBy(incident(env)))
                .dataFetcher("resolveBy", env -> policy.resolveBy(incident(env)))
                .dataFetcher("breaches", env -> policy.breaches(incident(env), clock.instant()))
                .dataFetcher("timeline", this::timeline)
                .dataFetcher("latestUpdate", env -> env.<UUID, TimelineEntry>getDataLoader(IncidentLoaders.LATEST_UPDATE).load(incident(env).id()))
                .dataFetcher("postmortem", env -> postmortems.of(ViewerContext.of(env), incident(env)).map(IncidentFetchers::sections).orElse(null))
                .dataFetcher("actionItems", env -> internal(env) ? listOf(env, IncidentLoaders.ACTION_ITEMS, incident(env).id()) : List.of()));
        wiring.type("AffectedService", type -> type
                .dataFetcher("service", env -> env.<UUID, Service>getDataLoader(ServiceLoaders.BY_ID).load(env.<AffectedService>getSource().serviceId())));
        wiring.type("TimelineEntry", type -> type
                .dataFetcher("incident", env -> env.<UUID, Incident>getDataLoader(IncidentLoaders.BY_ID).load(entry(env).incidentId()))
                .dataFetcher("body", env -> entry(env).redacted() ? null : entry(env).body())
                .dataFetcher("bodyHtml", env -> entry(env).redacted() ? null : markdown.toSafeHtml(entry(env).body()))
                .dataFetcher("author", env -> Map.of("name", entry(env).author()))
                .dataFetcher("edits", env -> internal(env) ? edits(env) : List.of()));
        wiring.type("Service", type -> type.dataFetcher("activeIncidents", this::activeIncidents));
    }

    private Connection<Incident> incidents(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env);
        List<String> statuses = env.getArgument("status");
        Boolean open = env.getArgument("open");
        List<IncidentStatus> wanted = statuses == null ? List.of() : statuses.stream().map(IncidentStatus::valueOf).toList();
        if (open != null) {
            wanted = (wanted.isEmpty() ? List.of(IncidentStatus.values()) : wanted).stream().filter(status -> status.open() == open).toList();
            if (wanted.isEmpty()) {
                return Connection.keyed(List.of(), page, Incident::number, 0);
            }
        }
        String severity = env.getArgument("severity");
        IncidentSearch.Found found = search.find(ViewerContext.of(env),
                new IncidentSearch.Filter(wanted, severity == null ? null : Severity.valueOf(severity), env.getArgument("service")),
                page.afterKey(), page.first() + 1);
        return Connection.keyed(found.incidents(), page, Incident::number, found.total());
    }

    private Connection<TimelineEntry> timeline(DataFetchingEnvironment env) {
        List<String> kinds = env.getArgument("kinds");
        List<TimelineEntry> entries = timeline.of(ViewerContext.of(env), incident(env)).stream()
                .filter(entry -> kinds == null || kinds.contains(entry.kind().name()))
                .toList();
        return Connection.slice(entries, PageRequest.of(env));
    }

    /** An entry's earlier versions; once it is redacted, without their bodies, which said what was redacted. */
    private CompletableFuture<List<TimelineEdit>> edits(DataFetchingEnvironment env) {
        TimelineEntry entry = entry(env);
        CompletableFuture<List<TimelineEdit>> edits = listOf(env, IncidentLoaders.EDITS, entry.id());
        return entry.redacted() ? edits.thenApply(found -> found.stream().map(IncidentFetchers::withoutBody).toList()) : edits;
    }

    private static TimelineEdit withoutBody(TimelineEdit edit) {
        return new TimelineEdit(edit.id(), edit.entryId(), edit.version(), null, edit.occurredAt(), edit.editedBy(), edit.editedAt());
    }

    private CompletableFuture<List<AffectedService>> affectedServices(DataFetchingEnvironment env) {
        boolean internal = internal(env);
        DataLoader<UUID, List<AffectedService>> loader = env.getDataLoader(IncidentLoaders.AFFECTED);
        return loader.load(incident(env).id()).thenApply(found -> found == null ? List.of()
                : found.stream().filter(affected -> internal || affected.servicePublic()).toList());
    }

    private CompletableFuture<List<Incident>> activeIncidents(DataFetchingEnvironment env) {
        Viewer viewer = ViewerContext.of(env);
        DataLoader<UUID, List<Incident>> loader = env.getDataLoader(IncidentLoaders.OPEN_OF_SERVICE);
        return loader.load(env.<Service>getSource().id()).thenApply(found -> found == null ? List.of()
                : found.stream().filter(incident -> Incidents.visibleTo(viewer, incident)).toList());
    }

    private static <T> CompletableFuture<List<T>> listOf(DataFetchingEnvironment env, String loaderName, UUID key) {
        DataLoader<UUID, List<T>> loader = env.getDataLoader(loaderName);
        return loader.load(key).thenApply(found -> found == null ? List.of() : found);
    }

    /** The schema's sections are never null: a section not written yet is empty. */
    private static Map<String, Object> sections(Postmortem postmortem) {
        Map<String, Object> sections = new HashMap<>();
        sections.put("summary", orEmpty(postmortem.summary()));
        sections.put("impact", orEmpty(postmortem.impact()));
        sections.put("rootCause", orEmpty(postmortem.rootCause()));
        sections.put("wentWell", orEmpty(postmortem.wentWell()));
        sections.put("wentWrong", orEmpty(postmortem.wentWrong()));
        sections.put("updatedAt", postmortem.updatedAt());
        return sections;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean internal(DataFetchingEnvironment env) {
        return ViewerContext.of(env).seesInternal();
    }

    private static Incident incident(DataFetchingEnvironment env) {
        return env.getSource();
    }

    private static TimelineEntry entry(DataFetchingEnvironment env) {
        return env.getSource();
    }
}
