package opsline.security;

import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Every mutation in the schema, tried by viewers who may not run it. Documents are built from the schema itself. */
@MicronautTest(transactional = false)
class AccessControlTest extends AdminApiTest {

    /** The least role each mutation needs. A mutation added to the schema must be classified here. */
    private static final Map<String, Role> MINIMUM_ROLE = Map.ofEntries(
            entry("createService", Role.ADMIN),
            entry("updateService", Role.ADMIN),
            entry("deleteService", Role.ADMIN),
            entry("createServiceGroup", Role.ADMIN),
            entry("updateServiceGroup", Role.ADMIN),
            entry("deleteServiceGroup", Role.ADMIN),
            entry("createUser", Role.ADMIN),
            entry("updateUser", Role.ADMIN),
            entry("deactivateUser", Role.ADMIN),
            entry("createApiToken", Role.ADMIN),
            entry("revokeApiToken", Role.ADMIN),
            entry("setServiceStatus", Role.RESPONDER),
            entry("clearServiceStatus", Role.RESPONDER),
            entry("createCheck", Role.ADMIN),
            entry("updateCheck", Role.ADMIN),
            entry("deleteCheck", Role.ADMIN),
            entry("pauseCheck", Role.RESPONDER),
            entry("resumeCheck", Role.RESPONDER),
            entry("runCheckNow", Role.RESPONDER),
            entry("declareIncident", Role.RESPONDER),
            entry("acknowledgeIncident", Role.RESPONDER),
            entry("updateIncident", Role.RESPONDER),
            entry("changeIncidentStatus", Role.RESPONDER),
            entry("assignIncidentRole", Role.RESPONDER),
            entry("resolveIncident", Role.RESPONDER),
            entry("reopenIncident", Role.RESPONDER),
            entry("addTimelineEntry", Role.RESPONDER),
            entry("editTimelineEntry", Role.RESPONDER),
            entry("redactTimelineEntry", Role.RESPONDER),
            entry("updatePostmortem", Role.RESPONDER),
            entry("addActionItem", Role.RESPONDER),
            entry("completeActionItem", Role.RESPONDER),
            entry("receiveAlertmanagerAlerts", Role.RESPONDER),
            entry("setUserPassword", Role.ADMIN));

    private static final MutationDocuments DOCUMENTS = MutationDocuments.fromClasspathSchema();

    static Stream<String> mutations() {
        return DOCUMENTS.mutationNames().stream();
    }

    static Stream<Arguments> mutationsAndRolesBelowTheirMinimum() {
        return mutations().flatMap(mutation -> Arrays.stream(Role.values())
                .filter(role -> !role.includes(minimumRole(mutation)))
                .map(role -> Arguments.of(mutation, role)));
    }

    @Test
    void everyMutationInTheSchema_hasAMinimumRoleInThisTest() {
        Set<String> unclassified = new HashSet<>(DOCUMENTS.mutationNames());
        unclassified.removeAll(MINIMUM_ROLE.keySet());
        Set<String> stale = new HashSet<>(MINIMUM_ROLE.keySet());
        DOCUMENTS.mutationNames().forEach(stale::remove);

        assertThat(unclassified).as("Mutation fields missing from MINIMUM_ROLE; add each with the least role it needs").isEmpty();
        assertThat(stale).as("MINIMUM_ROLE entries that are not Mutation fields any more").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void anonymousViewers_areRefusedAsUnauthenticated_andTheAttemptIsAuditedAsDenied(String mutation) {
        Json answer = api.graphql(DOCUMENTS.document(mutation));

        assertRefused(answer, mutation, "UNAUTHENTICATED");
        assertOneDeniedRecord(mutation, "anonymous", null);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("mutationsAndRolesBelowTheirMinimum")
    void viewersBelowTheMinimumRole_areRefusedAsForbidden_andTheAttemptIsAuditedAsDenied(String mutation, Role role) {
        String token = accounts.tokenFor(role);

        Json answer = api.graphql(DOCUMENTS.document(mutation), Map.of(), token);

        assertRefused(answer, mutation, "FORBIDDEN");
        assertOneDeniedRecord(mutation, nameOf(token), role.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void viewersWithTheMinimumRole_areNotRefused(String mutation) {
        Role minimum = minimumRole(mutation);
        String token = minimum == Role.ADMIN ? admin : accounts.tokenFor(minimum);

        Json answer = api.graphql(DOCUMENTS.document(mutation), Map.of(), token);

        assertThat(answer.errorMessages()).as(answer.toString()).isEmpty();
        assertThat(answer.<String>read("$.data." + mutation + ".__typename")).endsWith("Payload");
    }

    @Test
    void refusedMutations_changeNothing() {
        seedWhatTheDummyInputsNameAsX();
        String viewer = accounts.tokenFor(Role.VIEWER);
        String before = api.run("access-state", Map.of(), admin).body();

        for (String mutation : DOCUMENTS.mutationNames()) {
            assertThat(api.graphql(DOCUMENTS.document(mutation)).errorMessages()).as(mutation).isNotEmpty();
            assertThat(api.graphql(DOCUMENTS.document(mutation), Map.of(), viewer).errorMessages()).as(mutation).isNotEmpty();
        }

        Json after = api.run("access-state", Map.of(), admin);
        assertThat(after.<Integer>read("$.data.services.totalCount")).isEqualTo(1);
        assertThat(after.<List<String>>read("$.data.users[*].name")).hasSize(3).contains("x");
        assertThat(after.body()).isEqualTo(before);
    }

    /** A service, group and user named "x" with a manual status, so refused attempts would have had something to change. */
    private void seedWhatTheDummyInputsNameAsX() {
        api.graphql("mutation { createService(input: {name: \"x\", group: \"x\"}) { userErrors { code } } }", Map.of(), admin);
        api.graphql("mutation { setServiceStatus(input: {service: \"x\", status: MAJOR_OUTAGE, reason: \"x\"}) { userErrors { code } } }",
                Map.of(), admin);
        api.graphql("mutation { createUser(input: {name: \"x\", role: RESPONDER}) { userErrors { code } } }", Map.of(), admin);
        api.graphql("mutation { createApiToken(input: {user: \"x\", name: \"x\"}) { userErrors { code } } }", Map.of(), admin);
    }

    private static void assertRefused(Json answer, String mutation, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.<List<String>>read("$.errors[*].extensions.code")).as(answer.toString()).containsExactly(code);
        assertThat(answer.<List<Object>>read("$.errors[0].path")).containsExactly(mutation);
        Map<String, Object> data = answer.read("$.data");
        assertThat(data == null ? null : data.get(mutation)).isNull();
    }

    private void assertOneDeniedRecord(String mutation, String actor, String actorRole) {
        Json log = api.run("access-auditLog", Map.of("operation", mutation), admin);

        assertThat(log.<Integer>read("$.data.auditLog.totalCount")).as(log.toString()).isEqualTo(1);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.outcome")).isEqualTo("DENIED");
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actor")).isEqualTo(actor);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.actorRole")).isEqualTo(actorRole);
        assertThat(log.<String>read("$.data.auditLog.edges[0].node.message")).isNotBlank();
    }

    private static Role minimumRole(String mutation) {
        Role role = MINIMUM_ROLE.get(mutation);
        if (role == null) {
            throw new AssertionError("Mutation." + mutation + " has no entry in MINIMUM_ROLE; classify it");
        }
        return role;
    }

    /** Minimal, schema-valid mutation documents: required arguments filled with dummy values, {@code __typename} selected. */
    static final class MutationDocuments {

        private static final Map<String, String> SCALAR_DUMMIES = Map.of("String", "\"x\"", "Int", "1", "Float", "1.5", "Boolean", "true",
                "JSON", "{}", "DateTime", "\"2026-01-01T00:00:00Z\"", "Date", "\"2026-01-01\"", "Duration", "\"PT1M\"");

        private final TypeDefinitionRegistry registry;

        private MutationDocuments(TypeDefinitionRegistry registry) {
            this.registry = registry;
        }

        static MutationDocuments fromClasspathSchema() {
            try (InputStream stream = AccessControlTest.class.getClassLoader().getResourceAsStream("schema.graphqls")) {
                if (stream == null) {
                    throw new IllegalStateException("schema.graphqls is not on the test classpath");
                }
                try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                    return new MutationDocuments(new SchemaParser().parse(reader));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> mutationNames() {
            return mutationFields().stream().map(FieldDefinition::getName).toList();
        }

        String document(String mutation) {
            FieldDefinition field = mutationFields().stream()
                    .filter(candidate -> candidate.getName().equals(mutation))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no Mutation." + mutation));
            String arguments = requiredValues(field.getInputValueDefinitions());
            return "mutation { " + mutation + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " { __typename } }";
        }

        private List<FieldDefinition> mutationFields() {
            List<FieldDefinition> fields = new ArrayList<>(
                    registry.getType("Mutation", ObjectTypeDefinition.class).orElseThrow().getFieldDefinitions());
            registry.objectTypeExtensions().getOrDefault("Mutation", List.of())
                    .forEach(extension -> fields.addAll(extension.getFieldDefinitions()));
            return fields;
        }

        private String requiredValues(List<InputValueDefinition> definitions) {
            return definitions.stream()
                    .filter(definition -> definition.getType() instanceof NonNullType && definition.getDefaultValue() == null)
                    .map(definition -> definition.getName() + ": " + dummy(definition.getType()))
                    .collect(Collectors.joining(", "));
        }

        private String dummy(Type<?> type) {
            if (type instanceof NonNullType nonNull) {
                return dummy(nonNull.getType());
            }
            if (type instanceof ListType) {
                return "[]";
            }
            String name = ((TypeName) type).getName();
            if (name.equals("ID")) {
                return "\"" + UUID.randomUUID() + "\"";
            }
            return SCALAR_DUMMIES.containsKey(name) ? SCALAR_DUMMIES.get(name) : dummyOfDefinedType(name);
        }

        private String dummyOfDefinedType(String name) {
            TypeDefinition<?> definition = registry.getType(name)
                    .orElseThrow(() -> new IllegalStateException("type " + name + " is not in the schema"));
            if (definition instanceof EnumTypeDefinition enumType) {
                return enumType.getEnumValueDefinitions().get(0).getName();
            }
            if (definition instanceof InputObjectTypeDefinition input) {
                return "{" + requiredValues(input.getInputValueDefinitions()) + "}";
            }
            throw new IllegalStateException("no dummy value for " + name + "; teach AccessControlTest.MutationDocuments one");
        }
    }
}
