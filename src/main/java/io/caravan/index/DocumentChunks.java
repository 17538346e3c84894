package io.caravan.index;

import java.util.List;
import java.util.Objects;

/**
 * All chunks of one document, the unit of atomic replacement in a {@link HybridIndex}.
 *
 * @param docId       the document
 * @param contentHash SHA-256 of the source bytes the chunks came from
 * @param chunks      every chunk of the document, each with an embedding
 */
public record DocumentChunks(String docId, String contentHash, List<Chunk> chunks) {
    public DocumentChunks {
        Objects.requireNonNull(docId, "docId");
        chunks = List.copyOf(chunks);
        for (Chunk chunk : chunks) {
            if (!chunk.docId().equals(docId)) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " does not belong to " + docId);
            }
        }
    }
}
