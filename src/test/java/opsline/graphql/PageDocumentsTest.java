package opsline.graphql;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page's GraphQL document ({@code views/**&#47;*.graphql}) is valid against {@code schema.graphqls},
 * so a schema change cannot silently break a page. Reads both from the repository, not the classpath.
 */
class PageDocumentsTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path VIEWS = PROJECT.resolve("views");
    private static final GraphQLSchema SCHEMA = UnExecutableSchemaGenerator.makeUnExecutableSchema(
            new SchemaParser().parse(PROJECT.resolve("schema.graphqls").toFile()));

    static List<Path> pageDocuments() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".graphql"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void pageDocuments_includeTheStatusPage() throws IOException {
        assertThat(pageDocuments()).contains(VIEWS.resolve("status.graphql"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageDocuments")
    void everyPageDocument_isValidAgainstTheSchema(Path document) throws IOException {
        List<GraphQLError> errors = errorsIn(Files.readString(document));

        assertThat(errors)
                .withFailMessage(() -> VIEWS.relativize(document) + " is not valid against schema.graphqls:\n" + describe(errors))
                .isEmpty();
    }

    @Test
    void theValidation_catchesAnUnknownFieldAndASyntaxError() {
        assertThat(describe(errorsIn("query Page { services { edges { node { nope } } } }"))).contains("nope");
        assertThat(errorsIn("query Page { services { ")).isNotEmpty();
    }

    private static List<GraphQLError> errorsIn(String document) {
        return ParseAndValidate.parseAndValidate(SCHEMA, ExecutionInput.newExecutionInput(document).build()).getErrors();
    }

    private static String describe(List<GraphQLError> errors) {
        return errors.stream()
                .map(error -> "  - " + error.getMessage() + " at " + error.getLocations())
                .collect(Collectors.joining("\n"));
    }
}
