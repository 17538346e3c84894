package io.caravan.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.json.Json;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DocumentLedger} of {@code caravan.store=lucene}: one H2 MVStore file in the data directory, beside the
 * index it describes (docs/architecture.md#index-engines). The index, not the ledger, is the truth about content;
 * the ledger converges because every source item is re-checked at start-up. So the two marks every ingested document
 * gets (pending, indexed) are left to MVStore's background writer, which stores all changes of the last second in
 * one write (a crash may lose them: the document is then read and indexed again, replacing itself); the rare changes
 * that record a decision (failed, deleted, an accepted upload, a source version, a reset) are committed at once.
 * Thread safe: MVStore maps are concurrent and each update is one atomic put.
 */
public class MvStoreDocumentLedger implements DocumentLedger {

    /** The ledger's file in the data directory (a Lucene index's reindex replaces it with the index it describes). */
    public static final String FILE_NAME = "ledger.mv.db";

    private static final ObjectMapper JSON = Json.newMapper();

    private final MVStore store;
    private final MVMap<String, String> documents;
    private final MVMap<String, String> sourceVersions;
    private final Clock clock;

    public MvStoreDocumentLedger(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    MvStoreDocumentLedger(Path dataDir, Clock clock) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir, e);
        }
        this.store = new MVStore.Builder().fileName(dataDir.resolve(FILE_NAME).toString()).open();
        this.documents = store.openMap("documents");
        this.sourceVersions = store.openMap("source-versions");
        this.clock = clock;
    }

    @Override
    public void markPending(SourceDocument document) {
        put(document.docId(), document.source(), DocumentStatus.PENDING, 0, document.contentHash(), null, null,
                document.acl(), false);
    }

    @Override
    public void markPending(String docId, String source, String contentHash) {
        put(docId, source, DocumentStatus.PENDING, 0, contentHash, null, null, knownAcl(docId), true);
    }

    @Override
    public void markPending(String docId, String source, String contentHash, List<String> acl) {
        put(docId, source, DocumentStatus.PENDING, 0, contentHash, null, null, acl, true);
    }

    @Override
    public void markIndexed(SourceDocument document, int chunks) {
        put(document.docId(), document.source(), DocumentStatus.INDEXED, chunks, document.contentHash(), null, null,
                document.acl(), false);
    }

    @Override
    public void markFailed(String docId, String source, String contentHash, String step, String reason) {
        put(docId, source, DocumentStatus.FAILED, 0, contentHash, reason, step, knownAcl(docId), true);
    }

    @Override
    public void markFailed(String docId, String source, String contentHash, List<String> acl, String step,
                           String reason) {
        put(docId, source, DocumentStatus.FAILED, 0, contentHash, reason, step, acl == null ? knownAcl(docId) : acl,
                true);
    }

    @Override
    public Optional<DocumentRecord> markDeleted(String docId) {
        return find(docId).map(r -> put(docId, r.source(), DocumentStatus.DELETED, 0, r.contentHash(), null, null,
                r.acl(), true));
    }

    @Override
    public Optional<DocumentRecord> relabel(String docId, List<String> acl) {
        return find(docId).map(r -> save(new DocumentRecord(docId, r.source(), r.status(), r.chunks(),
                r.contentHash(), r.error(), r.failedStep(), r.createdAt(), clock.instant(), acl), true));
    }

    @Override
    public Optional<DocumentRecord> find(String docId) {
        return Optional.ofNullable(documents.get(docId)).map(MvStoreDocumentLedger::read);
    }

    /**
     * The map in key order, one entry read at a time, with no copy: an MVMap's iterator walks the B-tree root it
     * started from, and writes make new pages instead of changing those, so the walk sees the ledger as it was when
     * it began and never fails on a concurrent change.
     */
    @Override
    public Iterator<DocumentRecord> walk() {
        Iterator<String> values = documents.values().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public DocumentRecord next() {
                return read(values.next());
            }
        };
    }

    @Override
    public String sourceVersion(String docId) {
        return sourceVersions.get(docId);
    }

    @Override
    public void recordSourceVersion(String docId, String version) {
        if (version == null) {
            sourceVersions.remove(docId);
        } else {
            sourceVersions.put(docId, version);
        }
        store.commit();
    }

    @Override
    public void clear() {
        documents.clear();
        sourceVersions.clear();
        store.commit();
    }

    @Override
    public boolean isOpen() {
        return !store.isClosed();
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private DocumentRecord put(String docId, String source, DocumentStatus status, int chunks, String hash,
                               String error, String step, List<String> acl, boolean commit) {
        Instant now = clock.instant();
        Instant created = find(docId).map(DocumentRecord::createdAt).orElse(now);
        return save(new DocumentRecord(docId, source, status, chunks, hash, error, step, created, now, acl), commit);
    }

    private DocumentRecord save(DocumentRecord record, boolean commit) {
        documents.put(record.docId(), write(record));
        if (commit) {
            store.commit();
        }
        return record;
    }

    private List<String> knownAcl(String docId) {
        return find(docId).map(DocumentRecord::acl).orElse(null);
    }

    private static String write(DocumentRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise ledger record " + record.docId(), e);
        }
    }

    private static DocumentRecord read(String json) {
        try {
            return JSON.readValue(json, DocumentRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt ledger record: " + json, e);
        }
    }
}
