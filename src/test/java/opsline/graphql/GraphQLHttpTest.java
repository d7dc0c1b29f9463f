package opsline.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.ApiTest;
import opsline.Json;
import opsline.security.Role;
import net.minidev.json.JSONValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code /graphql} as the GraphQL-over-HTTP specification describes it, spoken to over raw HTTP. */
@MicronautTest(transactional = false)
class GraphQLHttpTest extends ApiTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String JSON = "application/json";
    private static final String VIEWER_QUERY = "{\"query\": \"{ viewer { anonymous } }\"}";

    @Test
    void acceptingGraphQLResponseJson_answersWithThatTypeInUtf8() {
        Json answer = post(JSON, VIEWER_QUERY, "Accept", GRAPHQL_RESPONSE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(mediaType(answer)).isEqualTo(GRAPHQL_RESPONSE);
        assertThat(answer.header("Content-Type")).containsIgnoringCase("charset=utf-8");
        assertThat(answer.<Boolean>read("$.data.viewer.anonymous")).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {JSON, "*/*", "application/*", "text/plain;q=0.5, application/json"})
    void acceptingJsonOrAnythingOrNothing_answersWithApplicationJson(String accept) {
        Json answer = accept == null ? post(JSON, VIEWER_QUERY) : post(JSON, VIEWER_QUERY, "Accept", accept);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(mediaType(answer)).isEqualTo(JSON);
        assertThat(answer.<Boolean>read("$.data.viewer.anonymous")).isTrue();
    }

    /** Requests that are well-formed HTTP but fail before execution: parsing, validation, operation choice, variables. */
    static Stream<Arguments> requestErrors() {
        return Stream.of(
                arguments("syntax error", body("{ viewer { anonymous ", Map.of())),
                arguments("validation error", body("{ viewer { noSuchField } }", Map.of())),
                arguments("variable coercion failure", body("query($first: Int) { services(first: $first) { totalCount } }",
                        Map.of("first", "many"))),
                arguments("unknown operation name", "{\"query\": \"query A { site { name } }\", \"operationName\": \"Missing\"}"),
                arguments("several operations, none named", body("query A { site { name } } query B { site { name } }", Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestErrors")
    void requestErrors_withGraphQLResponseJson_answer400WithoutData(String kind, String body) {
        Json answer = post(JSON, body, "Accept", GRAPHQL_RESPONSE);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(mediaType(answer)).isEqualTo(GRAPHQL_RESPONSE);
        assertThat(answer.<Map<String, Object>>read("$")).doesNotContainKey("data");
        assertThat(answer.errorMessages()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestErrors")
    void requestErrors_withApplicationJson_answer200WithErrors(String kind, String body) {
        Json answer = post(JSON, body, "Accept", JSON);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(mediaType(answer)).isEqualTo(JSON);
        assertThat(answer.<Map<String, Object>>read("$")).doesNotContainKey("data");
        assertThat(answer.errorMessages()).isNotEmpty();
    }

    @Test
    void get_runsAQueryWithUrlEncodedVariables() {
        String admin = accounts.tokenFor(Role.ADMIN);
        api.graphql("mutation { createService(input: {name: \"Checkout API\", slug: \"checkout\"}) { userErrors { code } } }",
                Map.of(), admin);

        Json answer = get("query=" + encode("query Find($slug: String!) { service(slug: $slug) { name } }")
                + "&variables=" + encode("{\"slug\": \"checkout\"}") + "&operationName=Find", "Accept", JSON);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<String>read("$.data.service.name")).isEqualTo("Checkout API");
    }

    @Test
    void get_withAMutation_answers405AllowingPostAndChangesNothing() {
        String admin = accounts.tokenFor(Role.ADMIN);

        Json answer = get("query=" + encode("mutation { createServiceGroup(input: {name: \"Core\"}) { group { name } } }"),
                "Accept", JSON, "Authorization", "Bearer " + admin);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(answer.errorMessages()).singleElement().asString().contains("POST");
        assertThat(api.graphql("{ serviceGroups { name } }", Map.of(), admin).<List<?>>read("$.data.serviceGroups")).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/graphql", "application/json; charset=iso-8859-1", "application/json; charset=nonsense"})
    void post_withoutAJsonContentType_answers415(String contentType) {
        Json answer = post(contentType, VIEWER_QUERY, "Accept", JSON);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
        assertThat(answer.errorMessages()).singleElement().asString().contains("Content-Type: application/json");
    }

    static Stream<Arguments> malformedBodies() {
        String viewer = "\"{ viewer { anonymous } }\"";
        return Stream.of(
                arguments("{\"query\": " + viewer, "not valid JSON"),
                arguments("", "body is empty"),
                arguments("null", "must be a JSON object"),
                arguments("[" + viewer + "]", "must be a JSON object"),
                arguments("{\"query\": 42}", "'query' must be a string"),
                arguments("{\"query\": " + viewer + ", \"variables\": [1]}", "'variables' must be a JSON object"),
                arguments("{\"query\": " + viewer + ", \"variables\": \"{}\"}", "'variables' must be a JSON object"),
                arguments("{\"query\": " + viewer + ", \"operationName\": 7}", "'operationName' must be a string"),
                arguments("{\"query\": " + viewer + ", \"extensions\": true}", "'extensions' must be a JSON object"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformedBodies")
    void post_withAMalformedBody_answers400SayingWhatIsWrong(String body, String problem) {
        for (String accept : List.of(JSON, GRAPHQL_RESPONSE)) {
            Json answer = post(JSON, body, "Accept", accept);

            assertThat(answer.status()).as(accept + " " + answer).isEqualTo(400);
            assertThat(answer.errorMessages()).as(accept).singleElement().asString().contains(problem);
        }
    }

    @Test
    void get_withVariablesThatAreNotAnObject_answers400() {
        Json answer = get("query=" + encode("{ viewer { anonymous } }") + "&variables=" + encode("[1, 2]"), "Accept", JSON);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessages()).singleElement().asString().contains("'variables'");
    }

    @Test
    void aBrowserOpeningTheEndpoint_isSentToGraphiQL() {
        Json answer = get("", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/graphiql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNzd29yZA=="})
    void anUnknownOrForeignCredential_answers401WithAChallenge(String authorization) {
        Json answer = post(JSON, VIEWER_QUERY, "Accept", GRAPHQL_RESPONSE, "Authorization", authorization);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.errorMessages()).isNotEmpty();
    }

    static Stream<Arguments> assortedRequests() {
        return Stream.of(
                arguments("a query", "POST", JSON, VIEWER_QUERY, "?"),
                arguments("a GET query", "GET", null, null, "?query=" + encode("{ viewer { anonymous } }")),
                arguments("a validation error", "POST", JSON, body("{ nope }", Map.of()), "?"),
                arguments("a malformed body", "POST", JSON, "{", "?"),
                arguments("a missing content type", "POST", null, VIEWER_QUERY, "?"),
                arguments("a GET mutation", "GET", null, null, "?query=" + encode("mutation { deleteService(input: {service: \"x\"}) { deletedSlug } }")),
                arguments("a GET without a query", "GET", null, null, "?variables=%7B%7D"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assortedRequests")
    void everyAnswer_isMarkedNoStore(String description, String method, String contentType, String body, String query) {
        Json answer = send(method, query, contentType, body, "Accept", GRAPHQL_RESPONSE);

        assertThat(answer.header("Cache-Control")).as(answer.toString()).isEqualTo("no-store");
    }

    @Test
    void aCursorPointingPastTheIntRange_isABadUserInputNotAnInternalError() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("o:3000000000".getBytes(StandardCharsets.UTF_8));

        Json answer = api.graphql("{ services(after: \"" + forged + "\") { totalCount } }");

        assertThat(answer.<String>read("$.errors[0].extensions.code")).as(answer.toString()).isEqualTo("BAD_USER_INPUT");
    }

    static Stream<Arguments> oddRequests() {
        String viewer = "{ viewer { anonymous } }";
        return Stream.of(
                arguments("POST", "", JSON, "\"" + viewer + "\""),
                arguments("POST", "", JSON, "[".repeat(5000) + "]".repeat(5000)),
                arguments("POST", "", JSON, "{\"query\": \"" + viewer + "\", \"variables\": {\"x\": 1e99999}}"),
                arguments("POST", "", JSON, "{\"query\": \"\\u0000\"}"),
                arguments("POST", "", JSON, body("{ services(first: 2147483648) { totalCount } }", Map.of())),
                arguments("POST", "", JSON, body("{ services(after: \"%%%\") { totalCount } }", Map.of())),
                arguments("POST", "", JSON, body("query($s: ServiceStatus) { services(status: $s) { totalCount } }", Map.of("s", "NOPE"))),
                arguments("POST", "", JSON, body("query($s: String!) { service(slug: $s) { name } }", Map.of("s", Map.of("deep", List.of(1))))),
                arguments("POST", "", JSON, body("mutation { setServiceStatus(input: {service: \"x\", status: NOPE, reason: \"r\"}) { service { slug } } }", Map.of())),
                arguments("GET", "?query=%7B", null, null),
                arguments("GET", "?query=" + encode(viewer) + "&variables=not-json", null, null),
                arguments("GET", "?query=" + encode(viewer) + "&extensions=%5B", null, null),
                arguments("PUT", "", JSON, VIEWER_QUERY));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("oddRequests")
    void oddRequests_neverShowJavaExceptionsOrStackFrames(String method, String query, String contentType, String body) {
        for (String accept : List.of(JSON, "text/plain")) {
            Json answer = send(method, query, contentType, body, "Accept", accept);

            assertThat(answer.status()).as(answer.toString()).isLessThan(500);
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\\tat ");
        }
    }

    private Json post(String contentType, String body, String... headers) {
        return send("POST", "", contentType, body, headers);
    }

    private Json get(String query, String... headers) {
        return send("GET", "?" + query, null, null, headers);
    }

    private Json send(String method, String query, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/graphql" + query))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return api.send(request.build());
    }

    private static String body(String document, Map<String, Object> variables) {
        return JSONValue.toJSONString(Map.of("query", document, "variables", variables));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String mediaType(Json answer) {
        return answer.header("Content-Type").split(";")[0].trim();
    }
}
