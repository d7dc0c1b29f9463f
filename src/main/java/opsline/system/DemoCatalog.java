package opsline.system;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.security.Viewer;
import opsline.service.ServiceCatalog;
import opsline.service.ServiceFields;
import opsline.service.ServiceFilter;
import opsline.service.ServiceGroups;
import opsline.service.ServiceStatus;
import opsline.validation.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code OPSLINE_DEMO=true}: fills an empty installation with the services of the operations guides
 * Opsline replaces, so a first run shows a meaningful status page. It never touches a catalog that
 * already has services.
 */
@Singleton
@Requires(property = "opsline.demo.enabled", value = "true")
public class DemoCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalog.class);

    private final ServiceCatalog catalog;
    private final ServiceGroups groups;
    private final AdvisoryLocks locks;

    public DemoCatalog(ServiceCatalog catalog, ServiceGroups groups, AdvisoryLocks locks) {
        this.catalog = catalog;
        this.groups = groups;
        this.locks = locks;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        load();
    }

    @Transactional
    public void load() {
        locks.lockForTransaction(AdvisoryLocks.Key.DEMO_CATALOG);
        if (!catalog.list(Viewer.SYSTEM, ServiceFilter.ALL).isEmpty()) {
            return;
        }
        groups.create(Viewer.SYSTEM, "Smart Reconciliation", 1);
        groups.create(Viewer.SYSTEM, "Loyalty Platform", 2);
        groups.create(Viewer.SYSTEM, "Personal Finance Hub", 3);
        groups.create(Viewer.SYSTEM, "PartSelect Chat", 4);

        add("Reconciliation database", "PostgreSQL 15 holding reconciliations and uploaded files' metadata.",
                "Smart Reconciliation", 2, true, List.of());
        add("File uploads", "Upload and storage of source and target files.", "Smart Reconciliation", 3, true, List.of());
        add("AI mapping suggestions", "Column mapping suggestions from Anthropic and OpenAI.", "Smart Reconciliation", 4,
                true, List.of());
        add("Reconciliation API", "The reconciliation web application and its REST API.", "Smart Reconciliation", 1, true,
                List.of("reconciliation-database", "file-uploads", "ai-mapping-suggestions"));

        add("Loyalty database", "Members, points balances and transactions.", "Loyalty Platform", 2, true, List.of());
        add("Loyalty API", "Earning and redeeming points at partner merchants.", "Loyalty Platform", 1, true,
                List.of("loyalty-database"));

        add("Redis cache", "Session and query cache.", "Personal Finance Hub", 3, true, List.of());
        add("Transaction import", "Kafka consumers importing bank transactions.", "Personal Finance Hub", 2, true, List.of());
        add("Finance web app", "Budgets, accounts and reports.", "Personal Finance Hub", 1, true,
                List.of("redis-cache", "transaction-import"));

        add("Deepseek AI", "The language model behind chat answers; fallback responses when unavailable.",
                "PartSelect Chat", 2, true, List.of());
        add("Chat API", "Answers about appliance parts and orders.", "PartSelect Chat", 1, true, List.of("deepseek-ai"));

        add("Backup storage", "Nightly pg_dump archives, kept 30 days.", null, 0, false, List.of());
        add("Monitoring", "Prometheus and Grafana for every platform.", null, 0, false, List.of());

        catalog.setStatus(Viewer.SYSTEM, "ai-mapping-suggestions", ServiceStatus.DEGRADED_PERFORMANCE,
                "Anthropic answers 429 rate limits; suggestions come from OpenAI with longer response times.");
        LOG.info("OPSLINE_DEMO: loaded the demo catalog");
    }

    private void add(String name, String description, String group, int position, boolean isPublic, List<String> dependsOn) {
        Outcome<?> outcome = catalog.create(Viewer.SYSTEM, new ServiceFields(name, null, description, group, position,
                isPublic, "operations", List.of(), dependsOn, false));
        if (!outcome.isOk()) {
            throw new IllegalStateException("demo service " + name + " was refused: " + outcome.errors());
        }
    }
}
