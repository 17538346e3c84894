package io.caravan.ingest;

import java.util.Objects;

/**
 * A piece of a document sized for the embedding model, before embedding.
 *
 * @param index      position of the chunk in its document, from 0
 * @param text       the chunk text as it will be embedded and indexed
 * @param section    heading path, {@code "A > B"}, or empty
 * @param page       1-based page of the chunk's first block, or {@code null}
 * @param tokenCount the text's length in the embedding model's tokens (special tokens excluded)
 */
public record TextChunk(int index, String text, String section, Integer page, int tokenCount) {
    public TextChunk {
        Objects.requireNonNull(text, "text");
        section = section == null ? "" : section;
    }
}
