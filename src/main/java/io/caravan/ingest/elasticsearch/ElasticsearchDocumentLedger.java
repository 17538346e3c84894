package io.caravan.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.elasticsearch.LedgerEntries.Entry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@link DocumentLedger} of {@code caravan.store=elasticsearch}: one document per docId in the index behind
 * {@code <alias>-ledger}, beside the chunks' alias, shared by every instance on that alias, so the documents API
 * answers the same everywhere (docs/operations.md#scale-out). The source version tag is a field of the same
 * document, so one request reads or changes everything known about a docId.
 *
 * <p><b>Visibility.</b> No write waits for a refresh ({@code refresh=false}). Reads of one entry ({@link #find},
 * {@link #isUnchanged}, {@link #sourceVersion}) are real-time GETs, which see every acknowledged write of any
 * instance; a {@link #walk()} (and so {@link #list()} and {@link #liveDocIds}) refreshes the ledger's index first, a
 * cheap call on a small index and none at all when nothing changed, so a listing shows every write acknowledged
 * before it began, on any instance: an upload accepted by one instance is in the next {@code GET /api/documents} of
 * another. Every acknowledged write is durable (in the translog), which is more than the MVStore ledger promises for
 * its lazy marks.
 *
 * <p><b>Concurrent instances.</b> Each change reads the entry and writes it back only if nobody wrote it meanwhile
 * ({@code if_seq_no}/{@code if_primary_term}, or {@code op_type=create} for a new one), reading it again when someone
 * did. Plain last-writer-wins would lose what a mark keeps from the entry before it (the creation time, the ACL of a
 * mark without one, the source version); with the check, every change applies to the one before it, and the entry
 * ends as the last change left it.
 *
 * <p><b>Listing.</b> Pages of {@code pageSize} sorted by {@code doc_id} with {@code search_after}, so there is no
 * 10,000-hit cap; a {@link #walk()} reads the next page only when it gets there, so it holds one page at most. Order is
 * by UTF-8 bytes, which equals Java's string order except for characters beyond the Basic Multilingual Plane.
 *
 * <p><b>Outages.</b> Every failed request throws {@link IndexUnavailableException}, which the ingestion route
 * retries with back-off like a failed index write. Thread safe.
 */
public final class ElasticsearchDocumentLedger implements DocumentLedger {

    /** Entries per page of {@link #walk()}: the most a walk holds at once. */
    public static final int DEFAULT_PAGE_SIZE = 1_000;
    /** Rounds of read and conditional write before a change is given up (only under a storm of writes). */
    private static final int MAX_ATTEMPTS = 32;

    private final StateIndex index;
    private final Clock clock;
    private final int pageSize;
    private volatile boolean closed;

    /**
     * @param client the Java API client; the ledger does not close it
     * @param alias  the ledger's alias ({@link StateIndex#ledgerAlias(String)} of the chunks' alias)
     */
    public ElasticsearchDocumentLedger(ElasticsearchClient client, String alias) {
        this(client, alias, Clock.systemUTC(), DEFAULT_PAGE_SIZE);
    }

    /** As {@link #ElasticsearchDocumentLedger(ElasticsearchClient, String)}, with a clock and a page size. */
    public ElasticsearchDocumentLedger(ElasticsearchClient client, String alias, Clock clock, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        this.index = new StateIndex(client, alias, LedgerEntries.indexBody(new ObjectMapper()));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = pageSize;
    }

    @Override
    public void markPending(SourceDocument document) {
        put(document.docId(), document.source(), DocumentStatus.PENDING, 0, document.contentHash(), null, null,
                known -> document.acl());
    }

    @Override
    public void markPending(String docId, String source, String contentHash) {
        put(docId, source, DocumentStatus.PENDING, 0, contentHash, null, null, known -> known);
    }

    @Override
    public void markPending(String docId, String source, String contentHash, List<String> acl) {
        put(docId, source, DocumentStatus.PENDING, 0, contentHash, null, null, known -> acl);
    }

    @Override
    public void markIndexed(SourceDocument document, int chunks) {
        put(document.docId(), document.source(), DocumentStatus.INDEXED, chunks, document.contentHash(), null, null,
                known -> document.acl());
    }

    @Override
    public void markFailed(String docId, String source, String contentHash, String step, String reason) {
        put(docId, source, DocumentStatus.FAILED, 0, contentHash, reason, step, known -> known);
    }

    @Override
    public void markFailed(String docId, String source, String contentHash, List<String> acl, String step,
                           String reason) {
        put(docId, source, DocumentStatus.FAILED, 0, contentHash, reason, step, known -> acl == null ? known : acl);
    }

    @Override
    public Optional<DocumentRecord> markDeleted(String docId) {
        return change(docId, current -> current.record() == null ? null : current.with(new DocumentRecord(docId,
                current.record().source(), DocumentStatus.DELETED, 0, current.record().contentHash(), null, null,
                current.record().createdAt(), clock.instant(), current.record().acl()))).map(Entry::record);
    }

    @Override
    public Optional<DocumentRecord> relabel(String docId, List<String> acl) {
        return change(docId, current -> {
            DocumentRecord r = current.record();
            return r == null ? null : current.with(new DocumentRecord(docId, r.source(), r.status(), r.chunks(),
                    r.contentHash(), r.error(), r.failedStep(), r.createdAt(), clock.instant(), acl));
        }).map(Entry::record);
    }

    @Override
    public Optional<DocumentRecord> find(String docId) {
        return Optional.ofNullable(read(docId).entry().record());
    }

    /** A {@link LedgerWalk}: pages of {@code pageSize} with {@code search_after}, the first after a refresh. */
    @Override
    public Iterator<DocumentRecord> walk() {
        ensureOpen();
        return new LedgerWalk(index, pageSize);
    }

    /** Two nested terms aggregations instead of reading every entry: one request whatever the ledger's size. */
    @Override
    public Map<String, Map<DocumentStatus, Long>> countBySourceAndStatus() {
        ensureOpen();
        return index.call("count", client -> {
            // as walk(): what was written a moment ago is counted
            client.indices().refresh(r -> r.index(index.alias()));
            SearchResponse<Void> response = client.search(s -> s.index(index.alias()).size(0)
                    .query(q -> q.exists(e -> e.field(LedgerEntries.STATUS)))
                    .aggregations("sources", a -> a.terms(t -> t.field(LedgerEntries.SOURCE).size(100))
                            .aggregations("statuses", b -> b.terms(t -> t.field(LedgerEntries.STATUS)
                                    .size(DocumentStatus.values().length)))), Void.class);
            Map<String, Map<DocumentStatus, Long>> counts = new TreeMap<>();
            for (var source : response.aggregations().get("sources").sterms().buckets().array()) {
                Map<DocumentStatus, Long> statuses = new EnumMap<>(DocumentStatus.class);
                for (var status : source.aggregations().get("statuses").sterms().buckets().array()) {
                    statuses.put(DocumentStatus.valueOf(status.key().stringValue().toUpperCase(Locale.ROOT)),
                            status.docCount());
                }
                counts.put(source.key().stringValue(), statuses);
            }
            return counts;
        });
    }

    @Override
    public String sourceVersion(String docId) {
        return read(docId).entry().sourceVersion();
    }

    @Override
    public void recordSourceVersion(String docId, String version) {
        change(docId, current -> Objects.equals(current.sourceVersion(), version) ? null
                : new Entry(current.record(), version));
    }

    /**
     * Forgets every entry by putting an empty index behind the alias ({@link StateIndex#replaceWithEmpty()}); an
     * entry written during the call may stay, as if written just after it.
     */
    @Override
    public void clear() {
        ensureOpen();
        index.replaceWithEmpty();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** Marks the ledger closed; the client is its owner's to close. */
    @Override
    public void close() {
        closed = true;
    }

    /** The alias the ledger reads and writes through. */
    public String alias() {
        return index.alias();
    }

    /** A mark: the entry's new status and fields, keeping its creation time and, as {@code acl} says, its ACL. */
    private void put(String docId, String source, DocumentStatus status, int chunks, String hash, String error,
                     String step, Function<List<String>, List<String>> acl) {
        change(docId, current -> {
            Instant now = clock.instant();
            DocumentRecord known = current.record();
            Instant created = known == null || known.createdAt() == null ? now : known.createdAt();
            return current.with(new DocumentRecord(docId, source, status, chunks, hash, error, step, created, now,
                    acl.apply(known == null ? null : known.acl())));
        });
    }

    /**
     * Applies {@code next} to the entry as stored and writes the result only if the entry did not change meanwhile,
     * starting again from the newer entry when it did.
     *
     * @param next the new entry from the current one (with a {@code null} record when there is none yet), or
     *             {@code null} to write nothing
     * @return what was written, or empty when nothing was
     */
    private Optional<Entry> change(String docId, Function<Entry, Entry> next) {
        ensureOpen();
        String id = StateIndex.documentId(docId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored current = read(docId);
            Entry entry = next.apply(current.entry());
            if (entry == null) {
                return Optional.empty();
            }
            ObjectNode source = LedgerEntries.toSource(docId, entry);
            boolean written = index.writeIfUnchanged(id, source, current.found(), current.seqNo(),
                    current.primaryTerm());
            if (written) {
                return Optional.of(entry);
            }
        }
        throw new IndexUnavailableException("the ledger entry of " + docId + " in " + index.alias()
                + " kept changing under " + MAX_ATTEMPTS + " attempts to update it", null);
    }

    /** The entry as stored now, with what a conditional write needs. */
    private Stored read(String docId) {
        ensureOpen();
        String id = StateIndex.documentId(docId);
        GetResponse<ObjectNode> got = index.call("read", client -> client.get(g -> g.index(index.alias()).id(id)
                .realtime(true), ObjectNode.class));
        if (!got.found() || got.source() == null) {
            return new Stored(false, 0, 0, new Entry(null, null));
        }
        return new Stored(true, got.seqNo(), got.primaryTerm(), LedgerEntries.fromSource(got.source()));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IndexUnavailableException("the ledger on " + index.alias() + " is closed", null);
        }
    }

    /** A stored entry and its version, or none ({@code found} false). */
    private record Stored(boolean found, long seqNo, long primaryTerm, Entry entry) {
    }
}
