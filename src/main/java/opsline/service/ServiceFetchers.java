package opsline.service;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Connection;
import opsline.graphql.PageRequest;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Reads of the catalog: the {@code services}, {@code service} and {@code serviceGroups} queries and their types. */
@Singleton
class ServiceFetchers implements SchemaWiring {

    private final ServiceCatalog catalog;
    private final ServiceGroups groups;

    ServiceFetchers(ServiceCatalog catalog, ServiceGroups groups) {
        this.catalog = catalog;
        this.groups = groups;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("services", this::services)
                .dataFetcher("service", env -> catalog.find(ViewerContext.of(env), env.getArgument("slug")).orElse(null))
                .dataFetcher("serviceGroups", env -> groups.list(ViewerContext.of(env))));
        wiring.type("Service", type -> type
                .dataFetcher("public", env -> env.<Service>getSource().isPublic())
                .dataFetcher("group", env -> {
                    Service service = env.getSource();
                    return service.groupId() == null ? null : env.<UUID, ServiceGroup>getDataLoader(ServiceLoaders.GROUP).load(service.groupId());
                })
                .dataFetcher("dependsOn", env -> visibleServices(env, ServiceLoaders.DEPENDENCIES, env.<Service>getSource().id()))
                .dataFetcher("dependents", env -> visibleServices(env, ServiceLoaders.DEPENDENTS, env.<Service>getSource().id()))
                .dataFetcher("status", env -> state(env).thenApply(ServiceState::status))
                .dataFetcher("statusSignals", env -> state(env).thenApply(ServiceState::signals)));
        wiring.type("ServiceGroup", type -> type
                .dataFetcher("services", env -> visibleServices(env, ServiceLoaders.GROUP_SERVICES, env.<ServiceGroup>getSource().id())));
    }

    private Connection<Service> services(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env);
        String status = env.getArgument("status");
        ServiceFilter filter = new ServiceFilter(env.getArgument("group"), Boolean.TRUE.equals(env.getArgument("ungrouped")),
                status == null ? null : ServiceStatus.valueOf(status));
        return Connection.slice(catalog.list(ViewerContext.of(env), filter), page);
    }

    private CompletableFuture<ServiceState> state(DataFetchingEnvironment env) {
        DataLoader<Service, ServiceState> loader = env.getDataLoader(ServiceLoaders.STATE);
        return loader.load(env.getSource());
    }

    private CompletableFuture<List<Service>> visibleServices(DataFetchingEnvironment env, String loaderName, UUID key) {
        DataLoader<UUID, List<Service>> loader = env.getDataLoader(loaderName);
        return loader.load(key).thenApply(found -> found == null ? List.of() : catalog.visible(ViewerContext.of(env), found));
    }
}
