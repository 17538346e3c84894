package io.caravan.index;

import java.util.Map;

/**
 * The documents and chunk count of one version of an index's searchable content, read once per version because
 * {@link HybridIndex#stats()} is called per question.
 *
 * @param hashes each document's content hash, by docId (unmodifiable)
 * @param chunks the number of chunks
 */
public record IndexSummary(Map<String, String> hashes, long chunks) {
}
