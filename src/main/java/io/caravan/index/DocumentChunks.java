package io.caravan.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
     * The document's chunks as stored (with their vectors), labelled {@code acl} instead: what
     * {@link HybridIndex#relabel} writes back. The content hash is the chunks' own.
     */
    public static DocumentChunks relabelled(String docId, List<Chunk> stored, List<String> acl) {
        List<Chunk> chunks = new ArrayList<>(stored.size());
        for (Chunk c : stored) {
            chunks.add(new Chunk(c.chunkId(), c.docId(), c.source(), c.title(), c.content(), c.section(), c.page(),
                    c.chunkIndex(), c.contentHash(), c.mimeType(), acl, c.modifiedAt(), c.ingestedAt(),
                    c.embedding(), c.embeddingModel()));
        }
        return new DocumentChunks(docId, stored.isEmpty() ? null : stored.get(0).contentHash(), chunks);
    }

    /** Whether every one of {@code stored} carries exactly the groups of {@code acl}, in any order. */
    public static boolean isLabelled(List<Chunk> stored, List<String> acl) {
        Set<String> groups = Set.copyOf(acl);
        return stored.stream().allMatch(c -> Set.copyOf(c.acl()).equals(groups));
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
