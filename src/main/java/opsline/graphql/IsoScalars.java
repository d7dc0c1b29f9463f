package opsline.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.function.Function;

/**
 * The ISO-8601 scalars: {@code DateTime} (fetchers give and get {@link Instant}s, written in UTC),
 * {@code Date} ({@link LocalDate}) and {@code Duration} ({@link Duration}). Each is a string on the wire.
 */
final class IsoScalars {

    static final GraphQLScalarType DATE_TIME = scalar("DateTime", "An instant as ISO-8601 with an offset.",
            "2026-11-23T09:12:00Z", text -> OffsetDateTime.parse(text).toInstant(),
            value -> value instanceof TemporalAccessor temporal ? Instant.from(temporal).toString() : null);
    static final GraphQLScalarType DATE = scalar("Date", "A calendar date as ISO-8601.", "2026-11-23", LocalDate::parse,
            value -> value instanceof LocalDate date ? date.toString() : null);
    static final GraphQLScalarType DURATION = scalar("Duration", "A length of time as ISO-8601.", "PT15M", Duration::parse,
            value -> value instanceof Duration duration ? duration.toString() : null);

    private IsoScalars() {
    }

    private static GraphQLScalarType scalar(String name, String description, String example, Function<String, Object> parse,
                                            Function<Object, String> format) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new IsoCoercing(name, example, parse, format))
                .build();
    }

    private record IsoCoercing(String name, String example, Function<String, Object> parse, Function<Object, String> format)
            implements Coercing<Object, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            String text = format.apply(value);
            if (text == null) {
                throw new CoercingSerializeException("Not a " + name + ": " + value);
            }
            return text;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                try {
                    return parse.apply(text);
                } catch (DateTimeParseException e) {
                    throw new CoercingParseValueException(problem(text));
                }
            }
            throw new CoercingParseValueException("A " + name + " is an ISO-8601 string such as " + example + ".");
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                try {
                    return parse.apply(text.getValue());
                } catch (DateTimeParseException e) {
                    throw new CoercingParseLiteralException(problem(text.getValue()));
                }
            }
            throw new CoercingParseLiteralException("A " + name + " is an ISO-8601 string such as " + example + ".");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private String problem(String text) {
            return "'" + text + "' is not an ISO-8601 " + name + " such as " + example + ".";
        }
    }
}
