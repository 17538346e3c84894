package io.caravan.index;

import java.util.List;
import java.util.Map;

/**
 * A store of chunks searchable by BM25 and by vector, one contract for every engine
 * (docs/architecture.md#hybridindex-contract). Implementations are thread safe; every write is durable when the
 * method returns. Engines extend {@link AbstractHybridIndex}, which holds the work they share.
 */
public interface HybridIndex extends AutoCloseable {

    /**
     * Replaces all chunks of each given document with the given ones, atomically per document: a reader sees
     * either the old chunks or the new ones, never both or a mix, also after a crash.
     *
     * @throws EmbeddingModelMismatchException when a chunk's model differs from the index's
     */
    void upsertAll(List<DocumentChunks> documents);

    /** Replaces one document's chunks; see {@link #upsertAll}. */
    default void upsert(DocumentChunks document) {
        upsertAll(List.of(document));
    }

    /** Removes every chunk of the document; a no-op when there is none. */
    void delete(String docId);

    /**
     * Labels every chunk of the document with the groups {@code acl}, keeping its text, vectors and every other
     * field: a changed ACL needs no parsing or embedding (docs/channels-and-sources.md#document-acls). Atomic per
     * document like {@link #upsertAll}, durable on return, and {@link #generation()} changes, so answers cached
     * under the old labels are not served again. A no-op when the document has no chunks, or when they carry
     * exactly these groups already.
     *
     * @throws IllegalArgumentException when {@code acl} names no group
     */
    void relabel(String docId, List<String> acl);

    /**
     * Ranked chunks matching the request, best first, at most {@code request.limit()}.
     *
     * @throws EmbeddingModelMismatchException when the index was built with another embedding model
     */
    List<Hit> search(SearchRequest request);

    /**
     * Every chunk of the document in chunk order, without embeddings: its indexed text, which the MCP channel's
     * {@code get_document} shows (docs/mcp.md#get_document); empty when the document has none. No ACL applies here:
     * the caller checks the document's ACL first.
     */
    List<Chunk> chunks(String docId);

    /** The content hash of every indexed document, by docId. */
    Map<String, String> documentHashes();

    /** Counts and identity. */
    IndexStats stats();

    /**
     * A number that changes whenever the searchable content changes (every upsert and delete): answer caches key
     * on it, so a re-ingested or deleted document never serves a stale answer. The same number as
     * {@code stats().generation()}, without the counting; cheap: called per question.
     */
    default long generation() {
        return stats().generation();
    }

    /** Whether the index can serve reads and writes now. */
    boolean isHealthy();

    @Override
    void close();
}
