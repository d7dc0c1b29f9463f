package opsline.audit;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import opsline.graphql.Payloads;
import opsline.graphql.ViewerContext;
import opsline.security.AccessDenied;
import opsline.security.Viewer;
import opsline.validation.UserError;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs every mutation in its own transaction and records it in the audit trail. A success is recorded
 * in the same transaction as its change; a refusal or failure rolls the change back and is recorded
 * on its own.
 */
@Singleton
public class AuditedMutations {

    private final TransactionOperations<Connection> transactions;
    private final AuditTrail trail;

    public AuditedMutations(TransactionOperations<Connection> transactions, AuditTrail trail) {
        this.transactions = transactions;
        this.trail = trail;
    }

    /** The schema with each Mutation field's fetcher wrapped. */
    public GraphQLSchema wrap(GraphQLSchema schema) {
        GraphQLObjectType mutation = schema.getMutationType();
        if (mutation == null) {
            return schema;
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> {
            for (GraphQLFieldDefinition field : mutation.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(mutation, field);
                DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(coordinates, field);
                builder.dataFetcher(coordinates, audited(field.getName(), fetcher));
            }
        });
        return schema.transform(builder -> builder.codeRegistry(registry));
    }

    private DataFetcher<Object> audited(String operation, DataFetcher<?> fetcher) {
        return environment -> {
            Viewer viewer = ViewerContext.of(environment);
            try {
                Object payload = transactions.executeWrite(status -> {
                    Object result = fetch(fetcher, environment);
                    if (Payloads.userErrors(result).isEmpty()) {
                        trail.record(viewer, operation, environment.getArguments(), AuditOutcome.SUCCESS, null);
                    } else {
                        status.setRollbackOnly();
                    }
                    return result;
                });
                List<UserError> refusals = Payloads.userErrors(payload);
                if (!refusals.isEmpty()) {
                    recordAlone(viewer, operation, environment, AuditOutcome.REJECTED, describe(refusals));
                }
                return payload;
            } catch (AccessDenied denied) {
                recordAlone(viewer, operation, environment, AuditOutcome.DENIED, denied.getMessage());
                throw denied;
            } catch (RuntimeException failure) {
                recordAlone(viewer, operation, environment, AuditOutcome.FAILED, failure.getClass().getSimpleName());
                throw failure;
            }
        };
    }

    private void recordAlone(Viewer viewer, String operation, DataFetchingEnvironment environment,
                             AuditOutcome outcome, String message) {
        transactions.executeWrite(status -> {
            trail.record(viewer, operation, environment.getArguments(), outcome, message);
            return null;
        });
    }

    private static Object fetch(DataFetcher<?> fetcher, DataFetchingEnvironment environment) {
        try {
            return fetcher.get(environment);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(List<UserError> refusals) {
        return refusals.stream()
                .map(error -> error.field() == null ? error.message() : error.field() + ": " + error.message())
                .collect(Collectors.joining(" "));
    }
}
