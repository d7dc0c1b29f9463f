package opsline.audit;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Connection;
import opsline.graphql.PageRequest;
import opsline.graphql.SchemaWiring;
import opsline.graphql.ViewerContext;
import opsline.security.Viewer;

import java.util.List;

/** The {@code auditLog} query. */
@Singleton
class AuditFetchers implements SchemaWiring {

    private final AuditTrail trail;

    AuditFetchers(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("auditLog", this::auditLog));
    }

    private Connection<AuditRecord> auditLog(DataFetchingEnvironment env) {
        Viewer viewer = ViewerContext.of(env);
        PageRequest page = PageRequest.of(env);
        String operation = env.getArgument("operation");
        String actor = env.getArgument("actor");
        List<AuditRecord> records = trail.page(viewer, page.afterKey(), operation, actor, page.first() + 1);
        return Connection.keyed(records, page, AuditRecord::id, trail.count(viewer, operation, actor));
    }
}
