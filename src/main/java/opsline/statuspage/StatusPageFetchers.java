package opsline.statuspage;

import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Viewer;
import opsline.service.Service;
import opsline.service.ServiceCatalog;
import opsline.service.ServiceFilter;
import opsline.service.ServiceState;
import opsline.service.ServiceStatuses;
import opsline.system.SiteConfiguration;

import java.util.List;
import java.util.Map;

/** The {@code statusSummary} and {@code site} queries. */
@Singleton
class StatusPageFetchers implements SchemaWiring {

    private final ServiceCatalog catalog;
    private final ServiceStatuses statuses;
    private final SiteConfiguration site;

    StatusPageFetchers(ServiceCatalog catalog, ServiceStatuses statuses, SiteConfiguration site) {
        this.catalog = catalog;
        this.statuses = statuses;
        this.site = site;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("statusSummary", env -> summary(ViewerContext.of(env)))
                .dataFetcher("site", env -> Map.of("name", site.name(), "url", site.url(""))));
    }

    private StatusSummary summary(Viewer viewer) {
        List<Service> visible = catalog.list(viewer, ServiceFilter.ALL);
        return StatusSummary.of(statuses.of(visible).values().stream().map(ServiceState::status).toList());
    }
}
