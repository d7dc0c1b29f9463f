package opsline.graphql;

import graphql.schema.DataFetchingEnvironment;

/** Query arguments that must fall in a range: out of it is a {@code BAD_USER_INPUT} error, not a guess. */
public final class Arguments {

    private Arguments() {
    }

    public static int intBetween(DataFetchingEnvironment environment, String name, int min, int max) {
        Integer value = environment.getArgument(name);
        if (value == null || value < min || value > max) {
            throw new InvalidArgument("'" + name + "' must be between " + min + " and " + max + "; got " + value + ".");
        }
        return value;
    }
}
