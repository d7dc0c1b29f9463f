package opsline.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import opsline.audit.AuditedMutations;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the one GraphQL engine from {@code schema.graphqls} and every feature's wiring. Start-up
 * fails when the schema is missing or a root field has no fetcher, instead of failing a request later.
 */
@Factory
public class GraphQLFactory {

    private static final String SCHEMA = "classpath:schema.graphqls";

    @Singleton
    GraphQL graphQL(ResourceResolver resources, List<SchemaWiring> wirings, AuditedMutations auditedMutations,
                    GraphQLLimits limits) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(IsoScalars.DATE_TIME)
                .scalar(IsoScalars.DATE)
                .scalar(IsoScalars.DURATION)
                .scalar(JsonScalar.TYPE);
        wirings.forEach(feature -> feature.wire(wiring));
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(readSchema(resources), wiring.build());
        requireFetchers(schema, schema.getQueryType());
        requireFetchers(schema, schema.getMutationType());
        requireFetchers(schema, schema.getSubscriptionType());
        return GraphQL.newGraphQL(auditedMutations.wrap(schema))
                .defaultDataFetcherExceptionHandler(new ErrorHandler())
                .instrumentation(new ChainedInstrumentation(QueryLimits.instrumentations(limits)))
                .preparsedDocumentProvider(new DocumentCache())
                .build();
    }

    private static TypeDefinitionRegistry readSchema(ResourceResolver resources) {
        InputStream stream = resources.getResourceAsStream(SCHEMA)
                .orElseThrow(() -> new ConfigurationException("GraphQL schema not found on the classpath: " + SCHEMA));
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return new SchemaParser().parse(reader);
        } catch (IOException e) {
            throw new ConfigurationException("GraphQL schema could not be read: " + SCHEMA, e);
        }
    }

    private static void requireFetchers(GraphQLSchema schema, GraphQLObjectType root) {
        if (root == null) {
            return;
        }
        for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
            if (!schema.getCodeRegistry().hasDataFetcher(FieldCoordinates.coordinates(root, field))) {
                throw new ConfigurationException("No data fetcher is wired for " + root.getName() + "." + field.getName());
            }
        }
    }
}
