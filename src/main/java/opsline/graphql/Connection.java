package opsline.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** A Relay connection: one page of a list, with cursors and the size of the whole list. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, int totalCount) {

    /** An item and where it sits in the list. */
    public record Edge<T>(String cursor, T node) {
    }

    /** Relay pagination state. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** A page cut from a complete, ordered list; cursors carry positions. */
    public static <T> Connection<T> slice(List<T> all, PageRequest request) {
        int start = Math.min(request.startOffset(), all.size());
        int end = Math.min(start + request.first(), all.size());
        List<Edge<T>> edges = new ArrayList<>();
        for (int i = start; i < end; i++) {
            edges.add(new Edge<>(PageRequest.offsetCursor(i), all.get(i)));
        }
        return new Connection<>(edges, pageInfo(edges, end < all.size(), start > 0), all.size());
    }

    /**
     * A page read by key: {@code fetched} holds up to {@code first + 1} rows after the cursor, the
     * extra one only telling that more follow.
     */
    public static <T> Connection<T> keyed(List<T> fetched, PageRequest request, ToLongFunction<T> key, long totalCount) {
        boolean more = fetched.size() > request.first();
        List<Edge<T>> edges = fetched.stream()
                .limit(request.first())
                .map(item -> new Edge<>(PageRequest.keyCursor(key.applyAsLong(item)), item))
                .toList();
        return new Connection<>(edges, pageInfo(edges, more, request.after() != null), (int) totalCount);
    }

    private static <T> PageInfo pageInfo(List<Edge<T>> edges, boolean hasNext, boolean hasPrevious) {
        return new PageInfo(hasNext, hasPrevious,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
    }
}
