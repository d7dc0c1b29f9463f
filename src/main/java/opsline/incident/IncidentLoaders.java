package opsline.incident;

import jakarta.inject.Singleton;
import opsline.graphql.LoaderWiring;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Batch loaders for incident fields: one query per field per operation, however many incidents a page lists. */
@Singleton
class IncidentLoaders implements LoaderWiring {

    static final String AFFECTED = "incident.affected";
    static final String ROLES = "incident.roles";
    static final String LATEST_UPDATE = "incident.latestUpdate";
    static final String ACTION_ITEMS = "incident.actionItems";
    static final String BY_ID = "incident.byId";
    static final String EDITS = "timeline.edits";
    static final String OPEN_OF_SERVICE = "service.openIncidents";

    private final IncidentRepository incidents;
    private final Timeline timeline;
    private final Postmortems postmortems;

    IncidentLoaders(IncidentRepository incidents, Timeline timeline, Postmortems postmortems) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.postmortems = postmortems;
    }

    @Override
    public void register(DataLoaderRegistry registry) {
        registry.register(AFFECTED, loader((Set<UUID> ids) -> incidents.affectedServices(ids).stream()
                .collect(Collectors.groupingBy(AffectedService::incidentId))));
        registry.register(ROLES, loader((Set<UUID> ids) -> incidents.roles(ids).stream()
                .collect(Collectors.groupingBy(RoleAssignment::incidentId))));
        registry.register(LATEST_UPDATE, loader((Set<UUID> ids) -> timeline.latestPublicUpdates(List.copyOf(ids)).stream()
                .collect(Collectors.toMap(TimelineEntry::incidentId, Function.identity(), (first, second) -> first))));
        registry.register(ACTION_ITEMS, loader((Set<UUID> ids) -> postmortems.itemsOf(ids).stream()
                .collect(Collectors.groupingBy(ActionItem::incidentId))));
        registry.register(BY_ID, loader((Set<UUID> ids) -> incidents.findByIds(ids).stream()
                .collect(Collectors.toMap(Incident::id, Function.identity()))));
        registry.register(EDITS, loader((Set<UUID> ids) -> timeline.editsOf(List.copyOf(ids)).stream()
                .collect(Collectors.groupingBy(TimelineEdit::entryId))));
        registry.register(OPEN_OF_SERVICE, loader((Set<UUID> serviceIds) -> openOf(serviceIds)));
    }

    private Map<UUID, List<Incident>> openOf(Set<UUID> serviceIds) {
        Map<UUID, List<UUID>> incidentIdsByService = incidents.openImpactIds(serviceIds).stream()
                .collect(Collectors.groupingBy(AffectedService::serviceId, Collectors.mapping(AffectedService::incidentId, Collectors.toList())));
        Map<UUID, Incident> byId = incidentIdsByService.isEmpty() ? Map.of() : incidents.findByIds(
                incidentIdsByService.values().stream().flatMap(List::stream).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Incident::id, Function.identity()));
        return incidentIdsByService.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().stream().map(byId::get).toList()));
    }

    private static <K, V> DataLoader<K, V> loader(Function<Set<K>, Map<K, V>> load) {
        MappedBatchLoader<K, V> batch = keys -> CompletableFuture.completedFuture(keys.isEmpty() ? Map.of() : load.apply(keys));
        return DataLoaderFactory.newMappedDataLoader(batch);
    }
}
