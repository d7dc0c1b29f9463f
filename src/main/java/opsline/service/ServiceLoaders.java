package opsline.service;

import jakarta.inject.Singleton;
import opsline.graphql.LoaderWiring;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Batch loaders for the catalog's child fields: one query per field per operation, however many
 * services a page lists. They load everything; fetchers filter by what the viewer may see.
 */
@Singleton
public class ServiceLoaders implements LoaderWiring {

    /** Services by id, for other features' fields that point at a service. */
    public static final String BY_ID = "service.byId";
    static final String GROUP = "service.group";
    static final String DEPENDENCIES = "service.dependencies";
    static final String DEPENDENTS = "service.dependents";
    static final String STATE = "service.state";
    static final String GROUP_SERVICES = "group.services";

    private final ServiceRepository services;
    private final ServiceGroups groups;
    private final ServiceStatuses statuses;

    ServiceLoaders(ServiceRepository services, ServiceGroups groups, ServiceStatuses statuses) {
        this.services = services;
        this.groups = groups;
        this.statuses = statuses;
    }

    @Override
    public void register(DataLoaderRegistry registry) {
        registry.register(BY_ID, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                index(services.findByIds(ids), Service::id))));
        registry.register(GROUP, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                index(groups.byIds(ids), ServiceGroup::id))));
        registry.register(DEPENDENCIES, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                related(services.dependenciesOf(ids), DependencyEdge::serviceId, DependencyEdge::dependsOnId))));
        registry.register(DEPENDENTS, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                related(services.dependentsOf(ids), DependencyEdge::dependsOnId, DependencyEdge::serviceId))));
        registry.register(STATE, DataLoaderFactory.newMappedDataLoader(batch((Set<Service> batch) -> {
            Map<UUID, ServiceState> byId = statuses.of(batch);
            return batch.stream().collect(Collectors.toMap(Function.identity(), service -> byId.get(service.id())));
        })));
        registry.register(GROUP_SERVICES, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                services.findByGroupIds(ids).stream().collect(Collectors.groupingBy(Service::groupId)))));
    }

    /** Services on the far side of dependency edges, grouped by the near side, in display order. */
    private Map<UUID, List<Service>> related(List<DependencyEdge> edges, Function<DependencyEdge, UUID> near,
                                             Function<DependencyEdge, UUID> far) {
        if (edges.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Service> byId = index(services.findByIds(edges.stream().map(far).collect(Collectors.toSet())), Service::id);
        Map<UUID, List<Service>> result = new HashMap<>();
        for (DependencyEdge edge : edges) {
            result.computeIfAbsent(near.apply(edge), key -> new ArrayList<>()).add(byId.get(far.apply(edge)));
        }
        result.values().forEach(list -> list.sort(Comparator.comparing(Service::name, String.CASE_INSENSITIVE_ORDER)));
        return result;
    }

    private static <K, V> MappedBatchLoader<K, V> batch(Function<Set<K>, Map<K, V>> load) {
        return keys -> CompletableFuture.completedFuture(keys.isEmpty() ? Map.of() : load.apply(keys));
    }

    private static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
