package opsline.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code JSON}: any JSON value, passed through as maps, lists, strings, numbers and booleans. */
final class JsonScalar {

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Any JSON value.")
            .coercing(new JsonCoercing())
            .build();

    private JsonScalar() {
    }

    private static final class JsonCoercing implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input, variables);
        }

        private static Object literal(Value<?> value, CoercedVariables variables) {
            if (value instanceof NullValue) {
                return null;
            }
            if (value instanceof StringValue string) {
                return string.getValue();
            }
            if (value instanceof IntValue integer) {
                return integer.getValue();
            }
            if (value instanceof FloatValue decimal) {
                return decimal.getValue();
            }
            if (value instanceof BooleanValue bool) {
                return bool.isValue();
            }
            if (value instanceof ArrayValue array) {
                return array.getValues().stream().map(item -> literal(item, variables)).toList();
            }
            if (value instanceof ObjectValue object) {
                Map<String, Object> map = new LinkedHashMap<>();
                object.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue(), variables)));
                return map;
            }
            if (value instanceof VariableReference reference) {
                return variables.get(reference.getName());
            }
            throw new CoercingParseLiteralException("Not a JSON value: " + value);
        }
    }
}
