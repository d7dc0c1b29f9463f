package opsline.service;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Input;
import opsline.graphql.Payloads;
import opsline.graphql.SchemaWiring;
import opsline.security.Viewer;

import java.util.List;
import java.util.Map;

import static opsline.graphql.ViewerContext.of;

/** Changes to the catalog: thin mappings from mutation inputs to {@link ServiceCatalog} and {@link ServiceGroups}. */
@Singleton
class ServiceMutations implements SchemaWiring {

    private final ServiceCatalog catalog;
    private final ServiceGroups groups;

    ServiceMutations(ServiceCatalog catalog, ServiceGroups groups) {
        this.catalog = catalog;
        this.groups = groups;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type
                .dataFetcher("createService", this::createService)
                .dataFetcher("updateService", this::updateService)
                .dataFetcher("deleteService", env -> Payloads.of("deletedSlug",
                        catalog.delete(of(env), Input.of(env).string("service"))))
                .dataFetcher("setServiceStatus", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("service", catalog.setStatus(of(env), input.string("service"),
                            input.enumValue("status", ServiceStatus.class), input.string("reason")));
                })
                .dataFetcher("clearServiceStatus", env -> Payloads.of("service",
                        catalog.clearStatus(of(env), Input.of(env).string("service"))))
                .dataFetcher("createServiceGroup", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("group", groups.create(of(env), input.string("name"), input.integer("position")));
                })
                .dataFetcher("updateServiceGroup", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("group", groups.update(of(env), input.string("group"), input.string("name"),
                            input.integer("position")));
                })
                .dataFetcher("deleteServiceGroup", env -> Payloads.of("deletedGroup",
                        groups.delete(of(env), Input.of(env).string("group")))));
    }

    private Map<String, Object> createService(DataFetchingEnvironment env) {
        Input input = Input.of(env);
        Viewer viewer = of(env);
        ServiceFields fields = new ServiceFields(input.string("name"), input.string("slug"), input.string("description"),
                input.string("group"), nonNull(input.integer("position"), 0), nonNull(input.bool("public"), true), input.string("owner"),
                links(input), input.list("dependsOn"), nonNull(input.bool("autoIncidents"), false));
        return Payloads.of("service", catalog.create(viewer, fields));
    }

    private Map<String, Object> updateService(DataFetchingEnvironment env) {
        Input input = Input.of(env);
        return Payloads.of("service", catalog.update(of(env), input.string("service"), current -> new ServiceFields(
                input.valueOr("name", current.name()),
                input.valueOr("slug", current.slug()),
                input.valueOr("description", current.description()),
                input.valueOr("group", current.group()),
                nonNull(input.valueOr("position", current.position()), current.position()),
                nonNull(input.valueOr("public", current.isPublic()), current.isPublic()),
                input.valueOr("owner", current.owner()),
                input.has("links") ? links(input) : current.links(),
                input.has("dependsOn") ? input.list("dependsOn") : current.dependsOn(),
                nonNull(input.bool("autoIncidents"), current.autoIncidents()))));
    }

    private static List<Link> links(Input input) {
        return input.inputs("links").stream().map(link -> new Link(link.string("title"), link.string("url"))).toList();
    }

    private static <T> T nonNull(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
