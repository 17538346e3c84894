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

    /**
     * Checks every chunk against an index's vectors before anything is written.
     *
     * @throws EmbeddingModelMismatchException when a chunk names another model
     * @throws IllegalArgumentException        when a chunk has no embedding or one of another length
     */
    public void checkEmbeddings(String embeddingModel, int dimensions) {
        for (Chunk chunk : chunks) {
            if (chunk.embeddingModel() != null && !chunk.embeddingModel().equals(embeddingModel)) {
                throw new EmbeddingModelMismatchException(embeddingModel, chunk.embeddingModel());
            }
            if (chunk.embedding() == null) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " has no embedding");
            }
            if (chunk.embedding().length != dimensions) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " has an embedding of "
                        + chunk.embedding().length + " dimensions but the index takes " + dimensions);
            }
        }
    }
}
