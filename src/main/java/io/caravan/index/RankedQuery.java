package io.caravan.index;

/**
 * One ranked list an engine computes for a search: the lexical (BM25) list or the dense (kNN) one. The
 * {@link SearchRequest} it belongs to supplies the ACL groups and metadata filters.
 */
public sealed interface RankedQuery {

    /** How many hits the list holds at most. */
    int size();

    /** BM25 over the content and the title, at most {@code size} hits. */
    record Lexical(String text, int size) implements RankedQuery {
    }

    /** The {@code k} nearest vectors, of which the best {@code size} are returned. */
    record Dense(float[] vector, int k, int size) implements RankedQuery {
    }
}
