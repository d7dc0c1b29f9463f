package opsline.graphql;

/** A request that is not a well-formed GraphQL-over-HTTP request: answered with 400 before anything runs. */
final class BadGraphQLRequest extends RuntimeException {

    BadGraphQLRequest(String message) {
        super(message, null, false, false);
    }
}
