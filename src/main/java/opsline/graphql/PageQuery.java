package opsline.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import opsline.security.Viewer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a page's GraphQL document ({@code views/<page>.graphql}: the query a page shows, or the mutation
 * a form posts) through the same invocation as {@code /graphql}: same engine, resolvers, data loaders,
 * access rules and audit, with the page's viewer.
 */
@Singleton
public class PageQuery {

    private final GraphQLInvocation invocation;
    private final ResourceResolver resources;
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    public PageQuery(GraphQLInvocation invocation, ResourceResolver resources) {
        this.invocation = invocation;
        this.resources = resources;
    }

    /** The page's data, as the API would answer the same document. */
    public Result run(String page, Viewer viewer, Map<String, Object> variables, HttpRequest<?> request) {
        request.setAttribute(ViewerContextCustomizer.VIEWER_ATTRIBUTE, viewer);
        GraphQLInvocationData data = new GraphQLInvocationData(document(page), null, variables);
        ExecutionResult result = Mono.from(invocation.invoke(data, request, null)).block();
        return new Result(result.getData(), result.getErrors());
    }

    /**
     * What a page document returned.
     *
     * @param data   the {@code data} entry, as nested maps and lists
     * @param errors GraphQL errors; a page decides which it can show and which are a failure
     */
    public record Result(Map<String, Object> data, List<GraphQLError> errors) {

        /** The data, or an exception naming the errors when there are any. */
        public Map<String, Object> dataOrThrow(String page) {
            if (!errors.isEmpty()) {
                throw new IllegalStateException("page document " + page + " failed: " + errors);
            }
            return data;
        }
    }

    private String document(String page) {
        return documents.computeIfAbsent(page, this::load);
    }

    private String load(String page) {
        String path = "classpath:views/" + page + ".graphql";
        try (InputStream stream = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException("no page document at " + path))) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
