package io.caravan.index.lucene;

import io.caravan.index.AbstractHybridIndex;
import io.caravan.index.Chunk;
import io.caravan.index.ChunkFields;
import io.caravan.index.DocumentChunks;
import io.caravan.index.EmbeddingModelMismatchException;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.IndexSummary;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.RankedQuery;
import io.caravan.index.ReciprocalRankFusion;
import io.caravan.index.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link HybridIndex}: one Lucene index in a directory, BM25 on the text and HNSW (cosine) on the
 * vectors, fused in hybrid mode by the configured fusion ({@link ReciprocalRankFusion} by default).
 *
 * <p><b>Thread safety.</b> Instances are thread safe and meant to be shared: one {@link IndexWriter} takes all
 * writes, one {@link SearcherManager} hands out searchers. Reads see every write that returned before them: a read
 * after a write refreshes first, so bulk ingestion nobody searches does not flush a tiny segment per write.
 *
 * <p><b>Durability.</b> {@link #upsertAll}, {@link #delete} and {@link #relabel} return only once their operation is in the
 * {@link Translog} and fsync'd (concurrent callers share one fsync). Lucene commits (new segments, an fsync per
 * file) happen in the background every {@link LuceneIndexOptions#commitInterval()} and on close; opening replays
 * the translog written after the last commit. A document's chunks are replaced with
 * {@link IndexWriter#updateDocuments}, a delete-and-add of the whole block; commits are atomic and a replayed
 * operation replaces whole documents again, so after a crash every document is either fully old or fully new, and
 * every acknowledged write is there. The lock file needs no cleanup after a crash: {@code NativeFSLockFactory}
 * holds an OS lock that dies with the process. Two instances (or processes) on one directory are refused with
 * {@link IndexUnavailableException}.
 *
 * <p><b>Embedding model.</b> The model and dimensions are written into every commit's user data. Opening a
 * non-empty index built with another model (or length) leaves it readable for counts, hashes and deletes, but
 * searches and upserts throw {@link EmbeddingModelMismatchException} until it is rebuilt.
 */
public final class LuceneHybridIndex extends AbstractHybridIndex {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneHybridIndex.class);

    private final Path path;
    private final LuceneQueries queries;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searcherManager;
    private final FreshSearchers searchers;
    private final Translog translog;
    /** Applies each write to Lucene and appends it to the translog as one step, so both hold the same order. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** One Lucene commit at a time (background, close). */
    private final Object commitLock = new Object();
    private final ScheduledExecutorService refresher;
    /** The identity written into commits: the configured one, or the stored one while it mismatches. */
    private final CommitData identity;
    private final AtomicLong generation;
    private volatile Exception refreshFailure;
    private volatile Exception commitFailure;
    private volatile IOException translogFailure;

    /** Opens or creates the index in {@code directory} with {@link LuceneIndexOptions#defaults()}. */
    public LuceneHybridIndex(Path directory, String embeddingModel, int dimensions) {
        this(directory, embeddingModel, dimensions, LuceneIndexOptions.defaults());
    }

    /**
     * Opens or creates the index in {@code directory} for vectors of {@code dimensions} floats from
     * {@code embeddingModel}.
     *
     * @throws IndexUnavailableException when the directory cannot be opened or another instance holds it
     */
    public LuceneHybridIndex(Path directory, String embeddingModel, int dimensions, LuceneIndexOptions options) {
        super("Lucene index at " + Objects.requireNonNull(directory, "directory"), embeddingModel, dimensions,
                Objects.requireNonNull(options, "options").ranking());
        this.path = directory;
        this.queries = new LuceneQueries(options.analyzer(), ranking().titleBoost());
        Similarity similarity = new BM25Similarity(ranking().bm25K1(), ranking().bm25B());
        FSDirectory dir = null;
        IndexWriter openedWriter = null;
        SearcherManager openedSearchers = null;
        Translog openedTranslog = null;
        try {
            Files.createDirectories(directory);
            dir = FSDirectory.open(directory);
            CommitData previous = DirectoryReader.indexExists(dir)
                    ? CommitData.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData())
                    : null;
            openedWriter = new IndexWriter(dir, new IndexWriterConfig(options.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setSimilarity(similarity)
                    // close() commits explicitly, so that the commit carries our user data.
                    .setCommitOnClose(false));
            // Acknowledged writes after the last commit: apply them again (whole-document replacements, so a
            // write the commit already holds is replaced by itself).
            long translogStart = previous == null ? 0 : previous.translog();
            boolean hadTranslog = Translog.hasGenerationsFrom(directory, translogStart);
            IndexWriter target = openedWriter;
            int replayed = Translog.replay(directory, translogStart, op -> replay(target, op));
            boolean hasChunks = openedWriter.getDocStats().numDocs > 0;
            boolean mismatch = previous != null && hasChunks && !configured().equals(previous.vectors());
            this.identity = mismatch ? previous : new CommitData(configured(), 0, 0);
            storedVectors(identity.vectors());
            this.generation = new AtomicLong((previous == null ? 0 : previous.generation()) + replayed);
            this.directory = dir;
            this.writer = openedWriter;
            openedSearchers = new SearcherManager(openedWriter, FreshSearchers.withSimilarity(similarity));
            this.searcherManager = openedSearchers;
            this.searchers = new FreshSearchers(openedSearchers, generation::get);
            openedTranslog = Translog.start(directory, translogStart);
            this.translog = openedTranslog;
            if (previous == null || !identity.vectors().equals(previous.vectors()) || hadTranslog) {
                // A new index, one taken over by another model, or a replayed translog: record it in a commit.
                commit();
            }
            if (replayed > 0) {
                LOG.info("Lucene index at {}: replayed {} acknowledged writes from the translog", directory, replayed);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(e, openedTranslog, openedSearchers, openedWriter, dir);
            throw new IndexUnavailableException("cannot open the Lucene index at " + directory + ": " + e.getMessage(), e);
        }
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "caravan-lucene-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = options.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshInBackground, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        long commitMillis = options.commitInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::commitInBackground, commitMillis, commitMillis,
                TimeUnit.MILLISECONDS);
        warnIfModelMismatch("Lucene index at " + directory);
    }

    // ---- writes

    @Override
    protected void replace(List<DocumentChunks> documents) {
        List<List<Document>> converted = new ArrayList<>(documents.size());
        for (DocumentChunks document : documents) {
            converted.add(ChunkDocuments.toDocuments(document));
        }
        write(TranslogCodec.upsert(documents), () -> {
            for (int i = 0; i < documents.size(); i++) {
                replace(writer, documents.get(i).docId(), converted.get(i));
            }
        });
    }

    @Override
    protected void remove(String docId) {
        write(TranslogCodec.delete(docId), () -> writer.deleteDocuments(new Term(ChunkFields.DOC_ID, docId)));
    }

    /**
     * Reads the document's chunks with their vectors ({@link StoredChunks}) and writes them back re-labelled as an
     * upsert (translog, atomic block replacement), all under the write lock, so no write of the document comes
     * between the read and the rewrite.
     */
    @Override
    protected List<Chunk> readChunks(String docId) throws IOException {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return StoredChunks.read(searcher.getIndexReader(), docId);
            } finally {
                searchers.release(searcher);
            }
        } catch (AlreadyClosedException e) {
            throw unavailable("cannot read a document from", e);
        }
    }

    @Override
    protected void relabelChunks(String docId, List<String> acl) {
        writeLock.lock();
        try {
            IndexSearcher searcher = searchers.acquire();
            List<Chunk> stored;
            try {
                stored = StoredChunks.read(searcher.getIndexReader(), docId);
            } finally {
                searchers.release(searcher);
            }
            if (!stored.isEmpty() && !DocumentChunks.isLabelled(stored, acl)) {
                replace(List.of(DocumentChunks.relabelled(docId, stored, acl)));
            }
        } catch (IOException | AlreadyClosedException e) {
            throw unavailable("cannot re-label a document in", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies a write to Lucene and appends its record to the translog under one lock, then waits, outside the
     * lock, for an fsync of the translog covering it (shared with concurrent writers).
     */
    private void write(byte[] record, LuceneWrite apply) {
        try (GroupCommitter.Write write = translog.beginWrite()) {
            long seqNo;
            writeLock.lock();
            try {
                ensureTranslogWritable();
                apply.run();
                try {
                    seqNo = translog.append(record);
                } catch (IOException e) {
                    // Lucene holds a write the translog does not: refuse writes until restarted (replay is exact).
                    translogFailure = e;
                    throw e;
                }
                generation.incrementAndGet();
            } finally {
                writeLock.unlock();
            }
            write.awaitDurable(seqNo);
        } catch (IOException | AlreadyClosedException e) {
            throw unavailable("cannot write to", e);
        }
    }

    private void replay(IndexWriter target, TranslogCodec.Operation operation) {
        try {
            if (operation instanceof TranslogCodec.Delete delete) {
                target.deleteDocuments(new Term(ChunkFields.DOC_ID, delete.docId()));
                return;
            }
            for (DocumentChunks document : ((TranslogCodec.Upsert) operation).documents()) {
                replace(target, document.docId(), ChunkDocuments.toDocuments(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the translog into " + path, e);
        }
    }

    /** A document's chunks replaced as one block (no chunks: removed), live and at replay alike. */
    private static void replace(IndexWriter target, String docId, List<Document> chunks) throws IOException {
        Term id = new Term(ChunkFields.DOC_ID, docId);
        if (chunks.isEmpty()) {
            target.deleteDocuments(id);
        } else {
            target.updateDocuments(id, chunks);
        }
    }

    private void ensureTranslogWritable() throws IOException {
        if (translogFailure != null) {
            throw new IOException("the translog failed earlier; restart to replay it: " + translogFailure.getMessage(),
                    translogFailure);
        }
    }

    /**
     * The one place Lucene commits happen: roll the translog (under the write lock, so every write in the older
     * generations is in the writer), commit with the first uncovered generation in the user data, then drop the
     * covered generations.
     */
    private void commit() throws IOException {
        synchronized (commitLock) {
            long firstUncovered;
            writeLock.lock();
            try {
                firstUncovered = translog.roll();
            } finally {
                writeLock.unlock();
            }
            writer.setLiveCommitData(identity.at(generation.get(), firstUncovered).toUserData().entrySet());
            writer.commit();
            translog.deleteBefore(firstUncovered);
        }
    }

    private void commitInBackground() {
        try {
            if (!isClosed() && writer.hasUncommittedChanges() && translogFailure == null) {
                commit();
            }
            commitFailure = null;
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                // Writes stay durable in the translog; report through isHealthy() and try again next time.
                commitFailure = e;
                LOG.warn("background commit of the Lucene index at {} failed", path, e);
            }
        }
    }

    // ---- reads

    /** Both lists come from the same searcher, hence from one point-in-time view. */
    @Override
    protected List<List<Hit>> rank(SearchRequest request, List<RankedQuery> rankedQueries) throws IOException {
        Query filter = queries.filter(request);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<List<Hit>> lists = new ArrayList<>(rankedQueries.size());
                for (RankedQuery ranked : rankedQueries) {
                    lists.add(queries.rank(searcher, ranked, filter));
                }
                return lists;
            } finally {
                searchers.release(searcher);
            }
        } catch (AlreadyClosedException e) {
            throw unavailable("cannot search", e);
        }
    }

    /** Hashes and counts of the current reader, computed once per reader. */
    @Override
    protected IndexSummary summarize() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                return cachedSummary(reader,
                        () -> new IndexSummary(ChunkDocuments.readHashes(reader), reader.numDocs()));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | AlreadyClosedException e) {
            throw unavailable("cannot read", e);
        }
    }

    /** The number of writes made through Caravan, kept across restarts in the commits. */
    @Override
    public long generation() {
        ensureOpen();
        return generation.get();
    }

    private void refreshInBackground() {
        try {
            searchers.refreshInBackground();
            refreshFailure = null;
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                // Keep the schedule alive (an exception would cancel it) and report through isHealthy().
                refreshFailure = e;
                LOG.warn("background refresh of the Lucene index at {} failed", path, e);
            }
        }
    }

    // ---- lifecycle

    @Override
    public boolean isHealthy() {
        return !isClosed() && writer.isOpen() && writer.getTragicException() == null && refreshFailure == null
                && commitFailure == null && translogFailure == null;
    }

    /** Stops the refresher, commits anything pending and releases the directory; later calls do nothing. */
    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        refresher.shutdownNow();
        IOException failure = null;
        try {
            if (writer.isOpen() && translogFailure == null) {
                commit();
            }
        } catch (IOException | AlreadyClosedException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
        }
        try {
            IOUtils.close(translog, searcherManager, writer, directory);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new IndexUnavailableException("cannot close the Lucene index at " + path + " cleanly", failure);
        }
    }

    /** Translog fsyncs made since opening (each shared by the writers it covers), for measurements. */
    long commitCount() {
        return translog.syncCount();
    }

    private static void closeQuietly(Exception primary, AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }

    /** One change to the Lucene writer. */
    @FunctionalInterface
    private interface LuceneWrite {
        void run() throws IOException;
    }
}
