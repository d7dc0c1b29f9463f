package opsline.graphql;

import graphql.ExecutionInput;
import io.micronaut.configuration.graphql.DefaultGraphQLExecutionInputCustomizer;
import io.micronaut.configuration.graphql.GraphQLExecutionInputCustomizer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import opsline.security.Authenticator;
import opsline.security.Viewer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * Gives every operation its viewer: the one a controller already established (the API endpoint,
 * a page), or else the one the bearer token of the request that opened the websocket names.
 */
@Singleton
@Replaces(DefaultGraphQLExecutionInputCustomizer.class)
public class ViewerContextCustomizer implements GraphQLExecutionInputCustomizer {

    /** The request attribute a controller sets when it has authenticated the request itself. */
    public static final String VIEWER_ATTRIBUTE = "opsline.viewer";

    private final Authenticator authenticator;

    public ViewerContextCustomizer(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Publisher<ExecutionInput> customize(ExecutionInput input, HttpRequest httpRequest,
                                               @Nullable MutableHttpResponse<String> httpResponse) {
        Optional<Viewer> known = ((HttpRequest<?>) httpRequest).getAttribute(VIEWER_ATTRIBUTE, Viewer.class);
        if (known.isPresent()) {
            input.getGraphQLContext().put(Viewer.class, known.get());
            return Publishers.just(input);
        }
        // A websocket operation: authenticate off the event loop, since it reads the database.
        return Mono.fromCallable(() -> {
            input.getGraphQLContext().put(Viewer.class, authenticator.viewerFor(httpRequest.getHeaders().get(HttpHeaders.AUTHORIZATION)));
            return input;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
