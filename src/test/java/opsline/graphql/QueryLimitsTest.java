package opsline.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Api;
import opsline.ApiTest;
import opsline.Json;
import net.minidev.json.JSONValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The guards on what one request may ask for: depth 15, complexity 20000, 100000 characters. */
@MicronautTest(transactional = false)
class QueryLimitsTest extends ApiTest {

    private static final int MAX_DEPTH = 15;
    private static final int MAX_DOCUMENT_LENGTH = 100_000;
    /** What one service of {@code limitsEveryServiceField.graphql} costs. */
    private static final int COMPLEXITY_PER_SERVICE = 42;

    @Test
    void aQueryNestedDeeperThanTheLimit_isRefusedNamingTheDepthAndTheLimit() {
        Json answer = api.graphql(nestedTo(MAX_DEPTH + 1));

        assertThat(answer.<Map<String, Object>>read("$")).doesNotContainKey("data");
        assertThat(answer.errorMessages()).singleElement().asString()
                .contains("nests fields 16 deep").contains("the limit is 15");
    }

    @Test
    void aQueryNestedExactlyToTheLimit_runs() {
        Json answer = api.graphql(nestedTo(MAX_DEPTH));

        assertThat(answer.errorMessages()).isEmpty();
        assertThat(answer.<Object>read("$.data.service")).isNull();
    }

    @Test
    void aQueryMoreComplexThanTheLimit_isRefusedNamingTheComplexityAndTheLimit() {
        Json answer = api.run("limitsEveryServiceField", Map.of("first", 500), null);

        assertThat(answer.<Map<String, Object>>read("$")).doesNotContainKey("data");
        assertThat(answer.errorMessages()).singleElement().asString()
                .contains("complexity is " + 500 * COMPLEXITY_PER_SERVICE).contains("the limit is 20000");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 476})
    void aQueryUpToTheComplexityLimit_runs(int first) {
        assertThat(first * COMPLEXITY_PER_SERVICE).isLessThanOrEqualTo(20_000);

        Json answer = api.run("limitsEveryServiceField", Map.of("first", first), null);

        assertThat(answer.errorMessages()).isEmpty();
        assertThat(answer.<Integer>read("$.data.services.totalCount")).isZero();
    }

    @Test
    void aDocumentLongerThanTheLimit_answers413() {
        Json answer = api.graphql(paddedTo(MAX_DOCUMENT_LENGTH + 1));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorMessages()).singleElement().asString().contains("100001").contains("100000");
    }

    @Test
    void aDocumentExactlyAsLongAsTheLimit_runs() {
        Json answer = api.graphql(paddedTo(MAX_DOCUMENT_LENGTH));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<Boolean>read("$.data.viewer.anonymous")).isTrue();
    }

    @Test
    void graphiQLsIntrospectionQuery_staysWithinTheLimits() {
        String body = JSONValue.toJSONString(Map.of("query", Api.document("introspection"), "operationName", "IntrospectionQuery"));
        HttpRequest request = HttpRequest.newBuilder(api.uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, multipart/mixed")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        Json answer = api.send(request);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errorMessages()).isEmpty();
        assertThat(answer.<String>read("$.data.__schema.queryType.name")).isEqualTo("Query");
        assertThat(answer.<String>read("$.data.__schema.mutationType.name")).isEqualTo("Mutation");
        assertThat(answer.<List<String>>read("$.data.__schema.types[*].name")).contains("Service", "ServiceConnection", "DateTime");
    }

    /** {@code service { dependsOn { ... slug } }}, {@code depth} fields deep. */
    private static String nestedTo(int depth) {
        int dependsOnLevels = depth - 2;
        return "{ service(slug: \"checkout\") { " + "dependsOn { ".repeat(dependsOnLevels) + "slug"
                + " }".repeat(dependsOnLevels) + " } }";
    }

    /** A small query followed by a comment, {@code length} characters in all. */
    private static String paddedTo(int length) {
        String query = "{ viewer { anonymous } }\n#";
        return query + "x".repeat(length - query.length());
    }
}
