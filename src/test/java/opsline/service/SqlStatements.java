package opsline.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records the SQL statements the application runs, by wrapping every {@link DataSource} in a
 * datasource-proxy as it is created. Only in contexts with {@code opsline.test.count-sql=true}.
 * Statements of background threads (the event stream) are left out, so a count depends on requests only.
 */
@Singleton
@Requires(property = "opsline.test.count-sql", value = "true")
public class SqlStatements implements BeanCreatedEventListener<DataSource>, Ordered {

    /** Opsline's own background threads (event stream, check scheduler, jobs) are named opsline-*. */
    private static final String BACKGROUND_THREAD_PREFIX = "opsline-";

    private final List<String> recorded = new CopyOnWriteArrayList<>();

    /**
     * Wraps the pool itself, before micronaut-data's {@code ContextualAwareDataSource} wraps the result
     * in its {@code DelegatingDataSource}: micronaut-data unwraps only its own delegates, so its
     * connections come through this proxy. Wrapping after it (a lower precedence) breaks every query
     * with "No current connection present".
     */
    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        return ProxyDataSourceBuilder.create(event.getBean())
                .name("counted")
                .afterQuery((execution, queries) -> record(queries))
                .build();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** Forgets what was recorded so far. */
    public void reset() {
        recorded.clear();
    }

    /** The statements run since the last reset, each as {@code thread: sql}. */
    public List<String> recorded() {
        return List.copyOf(recorded);
    }

    private void record(List<QueryInfo> queries) {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith(BACKGROUND_THREAD_PREFIX)) {
            return;
        }
        recorded.add(thread + ": " + queries.stream().map(QueryInfo::getQuery).collect(Collectors.joining("; ")));
    }
}
