package opsline.check;

import jakarta.inject.Singleton;
import opsline.check.history.CheckHistory;
import opsline.graphql.LoaderWiring;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Batch loaders for check fields and the fields checks add to services: one query per field per operation. */
@Singleton
class CheckLoaders implements LoaderWiring {

    static final String OF_SERVICE = "check.ofService";
    static final String BY_ID = "check.byId";
    static final String LAST_RESULT = "check.lastResult";
    static final String CHECK_UPTIME = "check.uptime";
    static final String SERVICE_UPTIME = "service.uptime";

    /** An uptime asked for one check or service over some days. */
    record UptimeKey(UUID id, int days) {
    }

    private final CheckRepository checks;
    private final CheckResultRepository results;
    private final CheckHistory history;

    CheckLoaders(CheckRepository checks, CheckResultRepository results, CheckHistory history) {
        this.checks = checks;
        this.results = results;
        this.history = history;
    }

    @Override
    public void register(DataLoaderRegistry registry) {
        registry.register(OF_SERVICE, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> serviceIds) ->
                checks.findByServiceIds(serviceIds).stream().collect(Collectors.groupingBy(Check::serviceId)))));
        registry.register(BY_ID, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                checks.findByIds(ids).stream().collect(Collectors.toMap(Check::id, Function.identity())))));
        registry.register(LAST_RESULT, DataLoaderFactory.newMappedDataLoader(batch((Set<UUID> ids) ->
                results.latest(ids).stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity(), (a, b) -> a)))));
        registry.register(CHECK_UPTIME, DataLoaderFactory.newMappedDataLoader(batch((Set<UptimeKey> keys) -> uptime(keys, false))));
        registry.register(SERVICE_UPTIME, DataLoaderFactory.newMappedDataLoader(batch((Set<UptimeKey> keys) -> uptime(keys, true))));
    }

    /** One query per distinct number of days asked for (in practice one). */
    private Map<UptimeKey, CheckHistory.Uptime> uptime(Set<UptimeKey> keys, boolean ofServices) {
        Map<UptimeKey, CheckHistory.Uptime> found = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(UptimeKey::days)).forEach((days, sameDays) -> {
            List<UUID> ids = sameDays.stream().map(UptimeKey::id).toList();
            Map<UUID, CheckHistory.Uptime> uptimes = ofServices ? history.ofServices(ids, days) : history.ofChecks(ids, days);
            sameDays.forEach(key -> found.put(key, uptimes.get(key.id())));
        });
        return found;
    }

    private static <K, V> MappedBatchLoader<K, V> batch(Function<Set<K>, Map<K, V>> load) {
        return keys -> CompletableFuture.completedFuture(keys.isEmpty() ? Map.of() : load.apply(keys));
    }
}
