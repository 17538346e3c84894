package io.caravan.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-written in-memory {@link HybridIndex} for unit tests: keeps document hashes, records deletes and re-labels. */
public class RecordingHybridIndex implements HybridIndex {

    private final Map<String, String> hashes = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private final Map<String, List<String>> relabelled = new LinkedHashMap<>();

    /** Pretends the document is indexed from bytes with {@code hash}. */
    public RecordingHybridIndex with(String docId, String hash) {
        hashes.put(docId, hash);
        return this;
    }

    /** The docIds passed to {@link #delete}, in call order. */
    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    @Override
    public synchronized void upsertAll(List<DocumentChunks> documents) {
        documents.forEach(d -> hashes.put(d.docId(), d.contentHash()));
    }

    @Override
    public synchronized void delete(String docId) {
        deleted.add(docId);
        hashes.remove(docId);
    }

    /** The last ACL passed to {@link #relabel} for each docId, in call order. */
    public synchronized Map<String, List<String>> relabelled() {
        return new LinkedHashMap<>(relabelled);
    }

    @Override
    public synchronized void relabel(String docId, List<String> acl) {
        relabelled.put(docId, List.copyOf(acl));
    }

    @Override
    public List<Chunk> chunks(String docId) {
        return List.of();
    }

    @Override
    public List<Hit> search(SearchRequest request) {
        return List.of();
    }

    @Override
    public synchronized Map<String, String> documentHashes() {
        return Map.copyOf(hashes);
    }

    @Override
    public IndexStats stats() {
        return new IndexStats(hashes.size(), 0, 0, null);
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public void close() {
    }
}
