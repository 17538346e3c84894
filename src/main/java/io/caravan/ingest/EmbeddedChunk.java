package io.caravan.ingest;

import java.util.Objects;

/**
 * A chunk with its embedding, as the embedding step hands it on.
 *
 * @param chunk  the chunk
 * @param vector its embedding
 */
public record EmbeddedChunk(TextChunk chunk, float[] vector) {
    public EmbeddedChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(vector, "vector");
    }
}
