package opsline.graphql;

import graphql.schema.DataFetchingEnvironment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code first} and {@code after} arguments of a connection field. Cursors are opaque to clients;
 * inside they carry a position ({@code offset}) or a row id ({@code key}), as each list chooses.
 */
public record PageRequest(int first, String after) {

    public static final int MAX_FIRST = 500;

    public static PageRequest of(DataFetchingEnvironment environment) {
        Integer first = environment.getArgument("first");
        int size = first == null ? 50 : first;
        if (size < 1 || size > MAX_FIRST) {
            throw new InvalidArgument("'first' must be between 1 and " + MAX_FIRST + "; got " + size + ".");
        }
        return new PageRequest(size, environment.getArgument("after"));
    }

    /** The position just after the {@code after} cursor; 0 without one. */
    public int startOffset() {
        if (after == null) {
            return 0;
        }
        long offset = decode(after, "o");
        if (offset >= Integer.MAX_VALUE - 1) {
            throw new InvalidArgument("'after' is not a cursor from this list: " + after);
        }
        return (int) offset + 1;
    }

    /** The row id in the {@code after} cursor, or null without one. */
    public Long afterKey() {
        return after == null ? null : decode(after, "k");
    }

    static String offsetCursor(int offset) {
        return encode("o", offset);
    }

    static String keyCursor(long key) {
        return encode("k", key);
    }

    private static String encode(String kind, long value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor, String kind) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            if (parts.length == 2 && parts[0].equals(kind)) {
                long value = Long.parseLong(parts[1]);
                if (value >= 0) {
                    return value;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below, the same as any other cursor this list did not hand out
        }
        throw new InvalidArgument("'after' is not a cursor from this list: " + cursor);
    }
}
