package io.caravan.index;

/**
 * Counts and identity of an index.
 *
 * @param documents      distinct documents
 * @param chunks         chunks
 * @param generation     {@link HybridIndex#generation()} when the counts were read (used to key caches)
 * @param embeddingModel the model the index's vectors were made with, or {@code null} when empty
 */
public record IndexStats(long documents, long chunks, long generation, String embeddingModel) {
}
