package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import io.caravan.index.DocumentRejectedException;
import io.caravan.index.IndexUnavailableException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes the replacements, deletions and re-labels of concurrent callers in rounds, each made visible by one refresh: one
 * caller at a time writes the queued writes of everyone in one round of Bulk requests (documents of a round are
 * distinct; a second write of the same document waits for the next round), the others wait for it. Thread safe.
 *
 * <p>Each round (1) writes the new chunks under ids of a new revision, (2) deletes the document's chunks of older
 * revisions, then (3) refreshes once, so readers see every document of the round either fully old or fully new.
 * If a round fails midway, the next round first rolls it back (new chunks deleted, when the old ones were not yet
 * touched) or forward (the rest of the old ones deleted), before its own refresh. An item refused for good (a
 * mapping error) rolls back every document of that caller's write, whose previous chunks stay, and fails it with a
 * {@link DocumentRejectedException} carrying Elasticsearch's reason.
 */
final class BulkWriteRounds {

    private final String alias;
    private final int maxBulkOperations;
    private final BulkRequests bulk;
    private final ChunkScans scans;
    private final Runnable onRound;
    private final Function<Exception, IndexUnavailableException> writeFailure;
    private final AtomicLong lastRevision = new AtomicLong();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<PendingWrite> queue = new ArrayDeque<>();
    private volatile boolean closed;
    /**
     * What completes a round that failed midway, sent before anything else by the next round so that its refresh
     * never exposes the half-done one: before the old chunks were touched, the deletion of the new ones (roll
     * back); once they were being deleted, the rest of those deletions (roll forward). Searches cannot see
     * unrefreshed writes, but deletions by id can reach them. {@code null} when none is due. Guarded by writeLock.
     */
    private List<BulkOperation> unfinished;

    /**
     * @param onRound      called after each round made its writes visible
     * @param writeFailure the failure reported to a round's callers when the cluster fails it
     */
    BulkWriteRounds(String alias, ElasticsearchIndexOptions options, BulkRequests bulk, ChunkScans scans,
                    Runnable onRound, Function<Exception, IndexUnavailableException> writeFailure) {
        this.alias = alias;
        this.maxBulkOperations = options.maxBulkOperations();
        this.bulk = bulk;
        this.scans = scans;
        this.onRound = onRound;
        this.writeFailure = writeFailure;
    }

    /**
     * Replaces each document's chunks with the given ones (none: deletes the document), returning once a round
     * made them visible, whether this thread or another one wrote it.
     */
    void write(List<DocumentChunks> documents) {
        await(new PendingWrite(documents, null, null));
    }

    /**
     * Rewrites the document's chunks labelled {@code acl}, keeping everything else, vectors included; returns once
     * a round made it visible. The chunks are read back in the round itself, after every earlier write of the
     * document was made visible, so no write comes between the read and the rewrite. Nothing is written when the
     * document has no chunks or they are labelled so already.
     */
    void relabel(String docId, List<String> acl) {
        await(new PendingWrite(List.of(), docId, List.copyOf(acl)));
    }

    private void await(PendingWrite pending) {
        synchronized (queue) {
            queue.addLast(pending);
        }
        writeLock.lock();
        try {
            while (!pending.done.isDone()) {
                if (closed) {
                    throw new IndexUnavailableException("the Elasticsearch index " + alias + " is closed", null);
                }
                writeRound();
            }
        } finally {
            writeLock.unlock();
        }
        try {
            pending.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexUnavailableException("interrupted while writing to " + alias, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IndexUnavailableException("cannot write to " + alias, e.getCause());
        }
    }

    /** Fails the writes still queued; a round in progress finishes first. */
    void close() {
        closed = true;
        writeLock.lock();
        try {
            synchronized (queue) {
                IndexUnavailableException closedFailure = new IndexUnavailableException(alias + " is closed", null);
                queue.forEach(p -> p.done.completeExceptionally(closedFailure));
                queue.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** One round: the queued writes whose documents are distinct, written and made visible together. */
    private void writeRound() {
        List<PendingWrite> round = takeRound();
        if (round.isEmpty()) {
            return;
        }
        try {
            if (unfinished != null) {
                bulk.sendAll(unfinished, "finish an interrupted write to");
                // consistent again: make it visible, so the look-up of existing chunks below sees all of them
                bulk.refresh();
                unfinished = null;
            }
            resolveRelabels(round);
            round.removeIf(p -> p.done.isDone());
            if (round.isEmpty()) {
                return;
            }
            Set<String> docIds = new HashSet<>();
            round.forEach(p -> p.documents.forEach(d -> docIds.add(d.docId())));
            Map<PendingWrite, String> rejected = applyRound(round, docIds);
            unfinished = List.of(); // a failed refresh leaves nothing to send, but one to redo
            bulk.refresh();
            unfinished = null;
            onRound.run();
            for (PendingWrite pending : round) {
                String reason = rejected.get(pending);
                if (reason == null) {
                    pending.done.complete(null);
                } else {
                    pending.done.completeExceptionally(new DocumentRejectedException(reason));
                }
            }
        } catch (IOException | ElasticsearchException e) {
            IndexUnavailableException failure = writeFailure.apply(e);
            round.forEach(p -> p.done.completeExceptionally(failure));
        } catch (RuntimeException e) {
            round.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    /**
     * Turns each re-label of the round into the upsert of its document's stored chunks labelled anew; one with
     * nothing to change is done at once, without a write.
     */
    private void resolveRelabels(List<PendingWrite> round) throws IOException {
        for (PendingWrite pending : round) {
            if (pending.relabelDocId == null) {
                continue;
            }
            List<Chunk> stored = scans.readChunks(pending.relabelDocId);
            if (stored.isEmpty() || DocumentChunks.isLabelled(stored, pending.relabelAcl)) {
                pending.done.complete(null);
            } else {
                pending.documents = List.of(DocumentChunks.relabelled(pending.relabelDocId, stored,
                        pending.relabelAcl));
            }
        }
    }

    private List<PendingWrite> takeRound() {
        List<PendingWrite> round = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int operations = 0;
        synchronized (queue) {
            while (!queue.isEmpty()) {
                PendingWrite next = queue.peekFirst();
                boolean overlaps = next.docIds().stream().anyMatch(taken::contains);
                boolean tooBig = !round.isEmpty() && operations + next.chunkCount() > maxBulkOperations;
                if (overlaps || tooBig) {
                    break;
                }
                queue.pollFirst();
                round.add(next);
                taken.addAll(next.docIds());
                operations += next.chunkCount();
            }
        }
        return round;
    }

    /**
     * Writes the new revision of every document of the round, then deletes what it replaces; a caller whose
     * document was refused gets its new chunks deleted instead, so its documents stay as they were.
     *
     * @return the reason of each refused caller
     */
    private Map<PendingWrite, String> applyRound(List<PendingWrite> round, Set<String> docIds) throws IOException {
        long revision = nextRevision();
        Map<String, List<ChunkScans.StoredChunk>> existing = new HashMap<>();
        scans.forEachStoredChunk(ChunkScans.docIdsQuery(docIds), stored ->
                existing.computeIfAbsent(stored.docId(), k -> new ArrayList<>()).add(stored));

        // 1. the new chunks, under ids of the new revision
        List<BulkOperation> additions = new ArrayList<>();
        List<PendingWrite> owners = new ArrayList<>();
        List<String> ownerDocs = new ArrayList<>();
        Map<String, List<String>> newIds = new HashMap<>();
        for (PendingWrite pending : round) {
            for (DocumentChunks document : pending.documents) {
                int count = document.chunks().size();
                for (Chunk chunk : document.chunks()) {
                    String id = ChunkSources.documentId(chunk.docId(), chunk.chunkIndex(), revision);
                    additions.add(bulk.indexing(id, document.docId(),
                            ChunkSources.toSource(chunk, document.contentHash(), revision, count)));
                    owners.add(pending);
                    ownerDocs.add(document.docId());
                    newIds.computeIfAbsent(document.docId(), k -> new ArrayList<>()).add(id);
                }
            }
        }
        unfinished = newIds.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(id -> bulk.deletion(id, e.getKey()))).toList();
        Map<PendingWrite, String> rejected = new LinkedHashMap<>();
        bulk.send(additions).forEach((op, reason) -> rejected.putIfAbsent(owners.get(op),
                "Elasticsearch refused chunk of " + ownerDocs.get(op) + ": " + reason));

        // 2. what the new revision replaces, or, for a refused caller, the new revision itself
        List<BulkOperation> deletions = new ArrayList<>();
        for (PendingWrite pending : round) {
            boolean refused = rejected.containsKey(pending);
            for (DocumentChunks document : pending.documents) {
                if (refused) {
                    newIds.getOrDefault(document.docId(), List.of())
                            .forEach(id -> deletions.add(bulk.deletion(id, document.docId())));
                } else {
                    existing.getOrDefault(document.docId(), List.of())
                            .forEach(stored -> deletions.add(bulk.deletion(stored.id(), stored.docId())));
                }
            }
        }
        unfinished = deletions;
        bulk.sendAll(deletions, "delete replaced chunks from");
        unfinished = null;
        return rejected;
    }

    /** Increases with every round and across restarts: the clock in microseconds, or one more than the last. */
    private long nextRevision() {
        long now = System.currentTimeMillis() * 1000;
        return lastRevision.updateAndGet(last -> Math.max(last + 1, now));
    }

    /**
     * One caller's upsert (or delete: a document without chunks), or re-label of one document, waiting for a round.
     * A re-label's documents are read in its round; guarded by writeLock from then on.
     */
    private static final class PendingWrite {
        List<DocumentChunks> documents;
        final String relabelDocId;
        final List<String> relabelAcl;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        PendingWrite(List<DocumentChunks> documents, String relabelDocId, List<String> relabelAcl) {
            this.documents = List.copyOf(documents);
            this.relabelDocId = relabelDocId;
            this.relabelAcl = relabelAcl;
        }

        Set<String> docIds() {
            Set<String> ids = new HashSet<>();
            documents.forEach(d -> ids.add(d.docId()));
            if (relabelDocId != null) {
                ids.add(relabelDocId);
            }
            return ids;
        }

        int chunkCount() {
            return documents.stream().mapToInt(d -> d.chunks().size()).sum();
        }
    }
}
