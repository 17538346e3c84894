package io.caravan.index;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, validated search over a {@link HybridIndex}.
 *
 * @param text    the query text, used by BM25
 * @param vector  the query embedding, used by dense search; may be {@code null} for {@link SearchMode#BM25}
 * @param mode    which lists to use
 * @param limit   how many hits to return
 * @param groups  the caller's ACL groups; only chunks whose {@code acl} intersects them match; {@link #EVERY_GROUP}
 *                alone (an admin's search) matches every chunk
 * @param filters exact-match metadata filters by field ({@code docId}, {@code source}, {@code mimeType}, ...)
 */
public record SearchRequest(String text, float[] vector, SearchMode mode, int limit, Set<String> groups,
                            Map<String, String> filters) {
    public SearchRequest {
        Objects.requireNonNull(mode, "mode");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than zero, was " + limit);
        }
        groups = Set.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("groups must name at least one group");
        }
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        if (mode != SearchMode.DENSE && (text == null || text.isBlank())) {
            throw new IllegalArgumentException(mode + " search needs query text");
        }
        if (mode != SearchMode.BM25 && vector == null) {
            throw new IllegalArgumentException(mode + " search needs a query vector");
        }
    }

    /**
     * The group of an admin's search: every chunk matches (docs/http-api.md#roles). No source labels a chunk with
     * it, since group names are words.
     */
    public static final String EVERY_GROUP = "*";

    /** Whether this search may see every chunk (an admin's). */
    public boolean seesEveryGroup() {
        return groups.contains(EVERY_GROUP);
    }

    /** Metadata fields a filter may name. */
    public static final Set<String> FILTERABLE_FIELDS = Set.of("docId", "source", "mimeType", "title", "section");
}
