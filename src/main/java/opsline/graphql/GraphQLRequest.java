package opsline.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpParameters;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a GraphQL-over-HTTP request, checked for shape: {@code query} a string,
 * {@code operationName} a string or null, {@code variables} and {@code extensions} maps or null.
 */
record GraphQLRequest(String query, String operationName, Map<String, Object> variables) {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    /** A POST body: a JSON object. */
    static GraphQLRequest fromJson(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            throw new BadGraphQLRequest("The request body is empty; send a JSON object with a 'query'.");
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new BadGraphQLRequest("The request body is not valid JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw new BadGraphQLRequest("The request body must be a JSON object with a 'query'.");
        }
        JsonNode query = tree.get("query");
        if (query == null || !query.isString()) {
            throw new BadGraphQLRequest("'query' must be a string holding a GraphQL document.");
        }
        optionalMap(tree.get("extensions"), "extensions", json);
        return new GraphQLRequest(query.getStringValue(),
                optionalString(tree.get("operationName"), "operationName"),
                optionalMap(tree.get("variables"), "variables", json));
    }

    /** A GET request's query string; {@code variables} and {@code extensions} arrive as JSON text. */
    static GraphQLRequest fromParameters(HttpParameters parameters, JsonMapper json) {
        String query = parameters.get("query");
        if (query == null) {
            throw new BadGraphQLRequest("The 'query' parameter is missing.");
        }
        checkJsonParameter(parameters.get("extensions"), "extensions", json);
        return new GraphQLRequest(query, parameters.get("operationName"),
                checkJsonParameter(parameters.get("variables"), "variables", json));
    }

    /** The type of the operation that would run, when the document parses. */
    Optional<OperationDefinition.Operation> operationType() {
        try {
            Document document = Parser.parse(query);
            return document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(operation -> operationName == null || operationName.equals(operation.getName()))
                    .findFirst()
                    .map(OperationDefinition::getOperation);
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private static String optionalString(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new BadGraphQLRequest("'" + name + "' must be a string or null.");
        }
        return node.getStringValue();
    }

    private static Map<String, Object> optionalMap(JsonNode node, String name, JsonMapper json) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new BadGraphQLRequest("'" + name + "' must be a JSON object or null.");
        }
        try {
            return json.readValueFromTree(node, MAP);
        } catch (IOException e) {
            throw new BadGraphQLRequest("'" + name + "' could not be read: " + e.getMessage());
        }
    }

    private static Map<String, Object> checkJsonParameter(String text, String name, JsonMapper json) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return optionalMap(json.readValue(text, JsonNode.class), name, json);
        } catch (IOException e) {
            throw new BadGraphQLRequest("'" + name + "' must be a URL-encoded JSON object.");
        }
    }
}
