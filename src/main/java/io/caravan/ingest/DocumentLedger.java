package io.caravan.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The record of every document Caravan has seen: status, chunk count, content hash, error and failed step,
 * timestamps, ACL, and the version tag its source handed over. The index, not the ledger, is the truth about
 * content; the ledger converges because every source item is re-checked at start-up. It lives beside the index of
 * {@code caravan.store} (docs/architecture.md#index-engines): an MVStore file under the data directory with Lucene
 * ({@link MvStoreDocumentLedger}), an index shared by every instance with Elasticsearch
 * ({@code ElasticsearchDocumentLedger}). Implementations are thread safe; a {@link #walk()} is its caller's alone.
 */
public interface DocumentLedger extends AutoCloseable {

    /** Whether the document was already indexed, or deleted on purpose, from exactly these bytes. */
    default boolean isUnchanged(SourceDocument document) {
        return find(document.docId())
                .filter(r -> r.status() == DocumentStatus.INDEXED || r.status() == DocumentStatus.DELETED)
                .map(r -> document.contentHash().equals(r.contentHash()))
                .orElse(false);
    }

    /**
     * Records that the document is on its way into the index, with its ACL; an implementation may store it lazily
     * (a crash may lose it: the document is then read and indexed again, replacing itself).
     */
    void markPending(SourceDocument document);

    /**
     * Records, durably, that a document is on its way into the index (an upload accepted, say); the ACL stays the
     * one the ledger had for it, if any. Prefer {@link #markPending(String, String, String, List)}.
     */
    void markPending(String docId, String source, String contentHash);

    /** Records, durably, that a document labelled {@code acl} is on its way into the index (an upload, say). */
    void markPending(String docId, String source, String contentHash, List<String> acl);

    /** Records that all the document's chunks are durably indexed, with its ACL; may be stored lazily. */
    void markIndexed(SourceDocument document, int chunks);

    /**
     * Records that the document is quarantined, with the failed step and the reason; the ACL stays the one the
     * ledger had for it. Prefer {@link #markFailed(String, String, String, List, String, String)}.
     */
    void markFailed(String docId, String source, String contentHash, String step, String reason);

    /**
     * Records that the document is quarantined, with its ACL (the documents API shows a failed document only to the
     * groups that could have seen it), the failed step and the reason.
     *
     * @param acl its groups, or {@code null} to keep the ones the ledger had
     */
    void markFailed(String docId, String source, String contentHash, List<String> acl, String step, String reason);

    /**
     * Records that the document's chunks were removed; the hash and ACL stay so unchanged bytes are not re-ingested.
     *
     * @return the new entry, or empty when the ledger does not know the document
     */
    Optional<DocumentRecord> markDeleted(String docId);

    /**
     * Records, durably, that the document is now labelled {@code acl} (re-labelled in the index, or a failed one
     * whose rules changed); everything else stays.
     *
     * @return the new entry, or empty when the ledger does not know the document
     */
    Optional<DocumentRecord> relabel(String docId, List<String> acl);

    /** The entry of one document, as last written (by any instance sharing the ledger). */
    Optional<DocumentRecord> find(String docId);

    /**
     * Every entry, ordered by docId, read as the iteration reaches it, so it holds a bounded part of the ledger (one
     * page of an engine that reads in pages), whatever the ledger's size (docs/architecture.md#index-engines). It
     * holds nothing open: a caller may stop at any point and simply drop it, with nothing to close. An error of the
     * engine is thrown by the {@code hasNext} or {@code next} that meets it.
     */
    Iterator<DocumentRecord> walk();

    /** Every entry, ordered by docId, copied into one list: for a ledger known to be small, else {@link #walk()}. */
    default List<DocumentRecord> list() {
        List<DocumentRecord> records = new ArrayList<>();
        walk().forEachRemaining(records::add);
        return records;
    }

    /** The docIds of one source whose chunks may be in the index (every status but deleted). */
    default Set<String> liveDocIds(String source) {
        Set<String> ids = new TreeSet<>();
        for (Iterator<DocumentRecord> records = walk(); records.hasNext(); ) {
            DocumentRecord record = records.next();
            if (source.equals(record.source()) && record.status() != DocumentStatus.DELETED) {
                ids.add(record.docId());
            }
        }
        return ids;
    }

    /**
     * How many documents each source has in each status (docs/operations.md#metrics: the backlog is the pending
     * ones); a status without documents is absent. Counts every entry by default; an engine may aggregate instead.
     */
    default Map<String, Map<DocumentStatus, Long>> countBySourceAndStatus() {
        Map<String, Map<DocumentStatus, Long>> counts = new TreeMap<>();
        for (Iterator<DocumentRecord> records = walk(); records.hasNext(); ) {
            DocumentRecord record = records.next();
            counts.computeIfAbsent(String.valueOf(record.source()), s -> new EnumMap<>(DocumentStatus.class))
                    .merge(record.status(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * The version tag (an S3 ETag, say) of the document as its source last handed it over, indexed or quarantined,
     * or {@code null}: lets a source skip an unchanged item without reading its bytes.
     */
    String sourceVersion(String docId);

    /** Records, durably, the version tag the source handed over for {@code docId}; {@code null} forgets it. */
    void recordSourceVersion(String docId, String version);

    /** Forgets every entry: for an index that was lost, so that every document is ingested again. */
    void clear();

    /** Whether the ledger is open. */
    boolean isOpen();

    /** Closes the ledger; later calls do nothing. */
    @Override
    void close();
}
