package io.caravan.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work every {@link HybridIndex} engine shares: argument, open and embedding-model checks, candidate sizing,
 * the BM25/dense/hybrid switch with its fusion, and stats read once per version of the content. An engine
 * implements only what differs: {@link #rank ranking} lexical and dense lists, {@link #replace replacing},
 * {@link #remove removing} and {@link #relabelChunks re-labelling} documents, {@link #summarize summarizing} them and the {@link #generation()}.
 *
 * <p>Thread safe when the engine's methods are: the state kept here is immutable or volatile.
 */
public abstract class AbstractHybridIndex implements HybridIndex {

    /**
     * Upper bound on candidates per list: Elasticsearch's limit on k and num_candidates, and it keeps huge limits
     * from asking HNSW for absurd result sizes.
     */
    public static final int MAX_CANDIDATES = 10_000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final VectorIdentity configured;
    private final RankingOptions ranking;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The identity of the stored vectors, and whether it differs from the configured one. */
    private volatile StoredVectors stored;
    private volatile CachedSummary summary;

    /**
     * @param name           what the index is, for messages ({@code "Lucene index at /data/index"})
     * @param embeddingModel the configured model
     * @param dimensions     its vector length
     * @param ranking        how searches rank and fuse
     */
    protected AbstractHybridIndex(String name, String embeddingModel, int dimensions, RankingOptions ranking) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(embeddingModel, "embeddingModel");
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be greater than zero, was " + dimensions);
        }
        this.configured = new VectorIdentity(embeddingModel, dimensions);
        this.ranking = Objects.requireNonNull(ranking, "ranking");
        this.stored = new StoredVectors(configured, false);
    }

    // ---- the contract, in terms of the engine's operations

    @Override
    public final void upsertAll(List<DocumentChunks> documents) {
        Objects.requireNonNull(documents, "documents");
        ensureOpen();
        if (documents.isEmpty()) {
            return;
        }
        checkStoredIndex();
        ensureModelMatches();
        // Validate the whole batch before writing, so a bad chunk leaves every document of the batch untouched.
        documents.forEach(d -> d.checkEmbeddings(configured.model(), configured.dimensions()));
        replace(documents);
    }

    @Override
    public final void delete(String docId) {
        Objects.requireNonNull(docId, "docId");
        ensureOpen();
        remove(docId);
    }

    @Override
    public final void relabel(String docId, List<String> acl) {
        Objects.requireNonNull(docId, "docId");
        List<String> groups = List.copyOf(acl);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("the new ACL of " + docId + " names no group");
        }
        ensureOpen();
        checkStoredIndex();
        // no model check: the vectors are kept as they are, whichever model made them
        relabelChunks(docId, groups);
    }

    @Override
    public final List<Hit> search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        checkStoredIndex();
        ensureModelMatches();
        if (request.vector() != null && request.vector().length != configured.dimensions()) {
            throw new IllegalArgumentException("query vector has " + request.vector().length
                    + " dimensions but the index holds vectors of " + configured.dimensions());
        }
        request.filters().keySet().forEach(ChunkFields::filterField);
        int limit = request.limit();
        int candidates = (int) Math.min(MAX_CANDIDATES, (long) limit * ranking.candidatesMultiplier());
        try {
            return switch (request.mode()) {
                case BM25 -> rank(request, List.of(new RankedQuery.Lexical(request.text(), limit))).get(0);
                case DENSE -> rank(request, List.of(new RankedQuery.Dense(request.vector(), candidates, limit)))
                        .get(0);
                case HYBRID -> ranking.fusion().fuse(rank(request, List.of(
                        new RankedQuery.Lexical(request.text(), candidates),
                        new RankedQuery.Dense(request.vector(), candidates, candidates))), limit);
            };
        } catch (IOException e) {
            throw unavailable("cannot search", e);
        }
    }

    @Override
    public final List<Chunk> chunks(String docId) {
        Objects.requireNonNull(docId, "docId");
        ensureOpen();
        checkStoredIndex();
        try {
            return readChunks(docId).stream().map(AbstractHybridIndex::withoutEmbedding).toList();
        } catch (IOException e) {
            throw unavailable("cannot read a document from", e);
        }
    }

    // a search hit carries no vector either: the text is what readers want, and a vector is kilobytes of noise
    private static Chunk withoutEmbedding(Chunk c) {
        return c.embedding() == null ? c : new Chunk(c.chunkId(), c.docId(), c.source(), c.title(), c.content(),
                c.section(), c.page(), c.chunkIndex(), c.contentHash(), c.mimeType(), c.acl(), c.modifiedAt(),
                c.ingestedAt(), null, c.embeddingModel());
    }

    @Override
    public final Map<String, String> documentHashes() {
        ensureOpen();
        return summarize().hashes();
    }

    @Override
    public final IndexStats stats() {
        // Generation first: counts may then be newer than it, never older (a cache keyed by it stays safe).
        long currentGeneration = generation();
        IndexSummary current = summarize();
        return new IndexStats(current.hashes().size(), current.chunks(), currentGeneration,
                current.chunks() == 0 ? null : stored.identity().model());
    }

    /** {@inheritDoc} The same number as {@code stats().generation()}, without counting anything. */
    @Override
    public abstract long generation();

    // ---- what each engine implements

    /** Ranks each list for the request, in one consistent view of the index where the engine has one. */
    protected abstract List<List<Hit>> rank(SearchRequest request, List<RankedQuery> queries) throws IOException;

    /** Replaces each document's chunks; the documents are checked against the configured model already. */
    protected abstract void replace(List<DocumentChunks> documents);

    /** Removes every chunk of the document. */
    protected abstract void remove(String docId);

    /** The live chunks of the document, in chunk order (with or without their embeddings). */
    protected abstract List<Chunk> readChunks(String docId) throws IOException;

    /**
     * Rewrites the document's chunks, as stored with their vectors, labelled {@code acl}
     * ({@link DocumentChunks#relabelled}); nothing when there is none or they are labelled so already
     * ({@link DocumentChunks#isLabelled}). No write of the document may come between the read and the rewrite.
     */
    protected abstract void relabelChunks(String docId, List<String> acl);

    /** The current documents and chunk count, through {@link #cachedSummary} so they are read once per version. */
    protected abstract IndexSummary summarize();

    /**
     * Notices, before a search or an upsert, that the stored vectors changed under the index (Elasticsearch: a
     * re-index moved the alias), by calling {@link #storedVectors}. Does nothing by default.
     */
    protected void checkStoredIndex() {
    }

    /** Why {@code cause} failed, for messages; its message by default. */
    protected String reason(Exception cause) {
        return cause.getMessage();
    }

    // ---- helpers for engines

    /** The configured embedding model and length. */
    protected final VectorIdentity configured() {
        return configured;
    }

    /** How searches rank and fuse. */
    protected final RankingOptions ranking() {
        return ranking;
    }

    /** Records which vectors the index holds; searches and upserts fail while they are not the configured ones. */
    protected final void storedVectors(VectorIdentity identity) {
        stored = new StoredVectors(identity, !configured.equals(identity));
    }

    /** Logs, when the stored vectors are not the configured ones, that {@code where} must be re-indexed. */
    protected final void warnIfModelMismatch(String where) {
        StoredVectors current = stored;
        if (current.mismatch()) {
            log.warn("{} holds vectors of {} but {} is configured; searches and upserts will fail until it is "
                    + "re-indexed", where, current.identity().describe(), configured.describe());
        }
    }

    /**
     * The summary cached for {@code version} of the content, read by {@code reader} when there is none yet.
     * Versions are compared with {@code equals} (identity for a Lucene reader).
     */
    protected final IndexSummary cachedSummary(Object version, SummaryReader reader) throws IOException {
        CachedSummary cached = summary;
        if (cached != null && cached.version().equals(version)) {
            return cached.summary();
        }
        IndexSummary fresh = reader.read();
        summary = new CachedSummary(version, fresh);
        return fresh;
    }

    /** Marks the index closed; {@code true} for the first call only, so an engine closes its resources once. */
    protected final boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    protected final boolean isClosed() {
        return closed.get();
    }

    /** @throws IndexUnavailableException once the index is closed */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IndexUnavailableException("the " + name + " is closed", null);
        }
    }

    /** A failure to reach the index, naming the action and the index. */
    protected final IndexUnavailableException unavailable(String action, Exception cause) {
        return new IndexUnavailableException(action + " the " + name + ": " + reason(cause), cause);
    }

    private void ensureModelMatches() {
        StoredVectors current = stored;
        if (!current.mismatch()) {
            return;
        }
        VectorIdentity identity = current.identity();
        boolean sameModel = configured.model().equals(identity.model());
        throw new EmbeddingModelMismatchException(
                sameModel ? identity.describe() : String.valueOf(identity.model()),
                sameModel ? configured.describe() : configured.model());
    }

    /** Reads an engine's summary. */
    @FunctionalInterface
    protected interface SummaryReader {
        IndexSummary read() throws IOException;
    }

    private record StoredVectors(VectorIdentity identity, boolean mismatch) {
    }

    private record CachedSummary(Object version, IndexSummary summary) {
    }
}
