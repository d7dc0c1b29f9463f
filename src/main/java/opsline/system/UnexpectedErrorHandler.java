package opsline.system;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * The answer to any request that fails unexpectedly: a reference to find the details in the log, and
 * nothing of the failure itself (no SQL, no stack trace) for the caller.
 */
@Singleton
@Produces
@Requires(classes = {Exception.class, ExceptionHandler.class})
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("{} {} failed, reference={}", request.getMethod(), request.getPath(), reference, exception);
        return HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("message", "Internal error (reference " + reference + "); the server log has the details."));
    }
}
