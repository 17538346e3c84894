package io.caravan.index;

import java.util.Objects;

/**
 * A ranked search result: a chunk (without its vector) and its score under the ranking that produced it.
 *
 * @param chunk the matching chunk
 * @param score higher is better; only comparable within one result list
 */
public record Hit(Chunk chunk, double score) {
    public Hit {
        Objects.requireNonNull(chunk, "chunk");
    }

    /** The same chunk with another score. */
    public Hit withScore(double newScore) {
        return new Hit(chunk, newScore);
    }
}
