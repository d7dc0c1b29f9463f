package opsline.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import opsline.security.AccessDenied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a fetcher's exception into a GraphQL error. Expected ones keep their message; anything else
 * is logged with a reference and reaches the client as that reference only, never a stack trace.
 */
final class ErrorHandler implements DataFetcherExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable exception = unwrap(parameters.getException());
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                .path(parameters.getPath())
                .location(parameters.getSourceLocation());
        if (exception instanceof AccessDenied denied) {
            classified(error, denied.reason().name()).message(denied.getMessage());
        } else if (exception instanceof InvalidArgument invalid) {
            classified(error, "BAD_USER_INPUT").message(invalid.getMessage());
        } else {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("GraphQL field {} failed, reference={}", parameters.getPath(), reference, exception);
            classified(error, "INTERNAL")
                    .message("Internal error (reference " + reference + "); the server log has the details.")
                    .extensions(Map.of("code", "INTERNAL", "reference", reference));
        }
        GraphQLError built = error.build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(built).build());
    }

    /** Our code, in extensions and as the classification, so graphql-java adds no Java-flavoured one. */
    private static GraphqlErrorBuilder<?> classified(GraphqlErrorBuilder<?> error, String code) {
        return error.errorType(ErrorClassification.errorClassification(code)).extensions(Map.of("code", code));
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
