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

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Minimal, schema-valid mutation documents: required arguments filled with dummy values, {@code __typename} selected. */
final class MutationDocuments {

    private static final Map<String, String> SCALAR_DUMMIES = Map.of("String", "\"x\"", "Int", "1", "Float", "1.5", "Boolean", "true",
            "JSON", "{}", "DateTime", "\"2026-01-01T00:00:00Z\"", "Date", "\"2026-01-01\"", "Duration", "\"PT1M\"");

    private final TypeDefinitionRegistry registry;

    private MutationDocuments(TypeDefinitionRegistry registry) {
        this.registry = registry;
    }

    static MutationDocuments fromClasspathSchema() {
        try (InputStream stream = MutationDocuments.class.getClassLoader().getResourceAsStream("schema.graphqls")) {
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

    /** The name of the type the mutation answers with, such as {@code IncidentPayload}. */
    String payloadType(String mutation) {
        Type<?> type = field(mutation).getType();
        while (!(type instanceof TypeName)) {
            type = type instanceof NonNullType nonNull ? nonNull.getType() : ((ListType) type).getType();
        }
        return ((TypeName) type).getName();
    }

    String document(String mutation) {
        FieldDefinition field = field(mutation);
        String arguments = requiredValues(field.getInputValueDefinitions());
        return "mutation { " + mutation + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " { __typename } }";
    }

    private FieldDefinition field(String mutation) {
        return mutationFields().stream()
                .filter(candidate -> candidate.getName().equals(mutation))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Mutation." + mutation));
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
        throw new IllegalStateException("no dummy value for " + name + "; teach MutationDocuments one");
    }
}
