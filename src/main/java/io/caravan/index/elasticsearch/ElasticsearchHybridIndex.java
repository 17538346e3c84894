package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.caravan.index.AbstractHybridIndex;
import io.caravan.index.Chunk;
import io.caravan.index.ChunkFields;
import io.caravan.index.DocumentChunks;
import io.caravan.index.DocumentRejectedException;
import io.caravan.index.EmbeddingModelMismatchException;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.IndexSummary;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.RankedQuery;
import io.caravan.index.SearchRequest;
import io.caravan.index.VectorIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link HybridIndex}: chunks in an Elasticsearch index reached through an alias
 * ({@code caravan-chunks} → {@code caravan-chunks-000001}), BM25 on {@code content} and the title, HNSW (cosine) on
 * {@code embedding}, the two lists fused in Caravan by the configured fusion: the same code as Lucene, and no
 * licensed feature (no RRF retriever).
 *
 * <p><b>Thread safety.</b> Instances are thread safe and meant to be shared. Writes of concurrent callers are
 * grouped in rounds ({@link BulkWriteRounds}).
 *
 * <p><b>Replacement without a mix.</b> The index never refreshes by itself ({@code refresh_interval: -1}); each
 * round writes the new revision of its documents, deletes the old one, then refreshes once, so readers see every
 * document either fully old or fully new. Writes are acknowledged by Elasticsearch only once in its translog, so a
 * returned upsert is durable. If the process dies midway, the next start repairs the torn documents
 * ({@link TornDocumentRepair}).
 *
 * <p><b>Bulk failures.</b> Items answered 429 or 5xx are retried alone with back-off ({@link BulkRetrier}); an item
 * refused for good (a mapping error) fails that caller's upsert with a {@link DocumentRejectedException}, its
 * previous chunks kept.
 *
 * <p><b>Embedding model.</b> Recorded in the mapping's {@code _meta} when the index is created. A non-empty index
 * built with another model (or length) stays readable for counts, hashes and deletes, but searches and upserts
 * throw {@link EmbeddingModelMismatchException}; an empty one is replaced by a new versioned index for the
 * configured model (alias switched, old index dropped).
 *
 * <p><b>Scope.</b> One writing Caravan instance per alias is assumed: another instance's refresh could expose a
 * round in progress, and its start-up repair could take a round in progress for a torn one. The generation adds
 * the index's write counters in the cluster to this instance's changes, so instances that share the alias
 * (readers beside the writer) see each other's writes too.
 */
public final class ElasticsearchHybridIndex extends AbstractHybridIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHybridIndex.class);
    private static final Duration ALIAS_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ElasticsearchClient client;
    private final AutoCloseable onClose;
    private final String alias;
    private final VersionedIndices indices;
    private final ChunkScans scans;
    private final ElasticsearchSearches searches;
    private final BulkWriteRounds rounds;
    /**
     * Changes seen by this instance: its write rounds and alias moves. Seeded from the clock so that it keeps
     * changing across restarts (caches are keyed by the generation built on it).
     */
    private final AtomicLong localChanges = new AtomicLong(System.currentTimeMillis() * 1000);
    /** The index behind the alias; another one after `caravan reindex` moved the alias. */
    private volatile String indexName;
    /** When to look again which index the alias points at (System.nanoTime()). */
    private volatile long nextAliasCheckNanos;

    /**
     * Opens the index behind {@code alias}, creating it on first use, and repairs documents torn by a crash.
     *
     * @param client         the Java API client; the index does not close it
     * @param onClose        closed by {@link #close()}, and when this constructor fails (the transport when the
     *                       index owns it), or {@code null}
     * @param alias          the alias Caravan reads and writes through; the index behind it is
     *                       {@code alias-000001}, then {@code alias-000002} when it is replaced
     * @param embeddingModel the configured model
     * @param dimensions     its vector length
     * @throws IndexUnavailableException when the cluster cannot be reached or refuses the index
     */
    public ElasticsearchHybridIndex(ElasticsearchClient client, AutoCloseable onClose, String alias,
                                    String embeddingModel, int dimensions, ElasticsearchIndexOptions options) {
        super("Elasticsearch index " + Objects.requireNonNull(alias, "alias"), embeddingModel, dimensions,
                Objects.requireNonNull(options, "options").ranking());
        this.client = Objects.requireNonNull(client, "client");
        this.onClose = onClose;
        this.alias = alias;
        this.indices = new VersionedIndices(client, alias, configured(), options);
        this.scans = new ChunkScans(client, alias);
        this.searches = new ElasticsearchSearches(client, alias, options.ranking().titleBoost());
        BulkRequests bulk = new BulkRequests(client, alias, options);
        this.rounds = new BulkWriteRounds(alias, options, bulk, scans, localChanges::incrementAndGet,
                e -> unavailable("cannot write to", e));
        try {
            String index = indices.resolveOrCreate();
            VersionedIndices.Recorded recorded = indices.recorded(index);
            bulk.refresh();
            new TornDocumentRepair(alias, scans, bulk).repairAll();
            long chunks = client.count(c -> c.index(alias)).count();
            VectorIdentity stored = recorded.vectors();
            if (!configured().equals(stored) && chunks == 0) {
                // Empty: nothing to keep, so the configured model takes the alias over with a fresh mapping.
                index = indices.replaceEmpty(index);
                stored = configured();
            }
            if (configured().equals(stored) && recorded.analyzer() != null
                    && !recorded.analyzer().equals(options.analyzer())) {
                LOG.warn("Elasticsearch index {} analyzes text with '{}' but '{}' is configured; run `caravan "
                        + "reindex` to apply it", index, recorded.analyzer(), options.analyzer());
            }
            this.indexName = index;
            storedVectors(stored);
            this.nextAliasCheckNanos = System.nanoTime() + ALIAS_CHECK_INTERVAL.toNanos();
        } catch (IOException | ElasticsearchException e) {
            IndexUnavailableException failure = unavailable("cannot open", e);
            closeQuietly(onClose, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(onClose, e);
            throw e;
        }
        warnIfModelMismatch("Elasticsearch index " + indexName);
    }

    @Override
    protected void replace(List<DocumentChunks> documents) {
        rounds.write(documents);
    }

    @Override
    protected void remove(String docId) {
        rounds.write(List.of(new DocumentChunks(docId, null, List.of())));
    }

    /** Through the write rounds, which read the chunks back (vectors included) and write them as a new revision. */
    @Override
    protected List<Chunk> readChunks(String docId) throws IOException {
        try {
            return scans.readChunks(docId);
        } catch (ElasticsearchException e) {
            throw unavailable("cannot read a document from", e);
        }
    }

    @Override
    protected void relabelChunks(String docId, List<String> acl) {
        rounds.relabel(docId, acl);
    }

    @Override
    protected List<List<Hit>> rank(SearchRequest request, List<RankedQuery> queries) throws IOException {
        try {
            return searches.rank(request, queries);
        } catch (ElasticsearchException e) {
            throw unavailable("cannot search", e);
        }
    }

    /** Hashes and counts, read once per local change (stats() is called per question). */
    @Override
    protected IndexSummary summarize() {
        try {
            return cachedSummary(localChanges.get(), this::readSummary);
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("cannot read", e);
        }
    }

    private IndexSummary readSummary() throws IOException {
        Map<String, String> hashes = new HashMap<>();
        long[] chunks = {0};
        scans.forEachBucket(Query.of(q -> q.matchAll(m -> m)), List.of(ChunkFields.DOC_ID, ChunkFields.CONTENT_HASH),
                false, bucket -> {
                    FieldValue hash = bucket.key().get(ChunkFields.CONTENT_HASH);
                    hashes.put(bucket.key().get(ChunkFields.DOC_ID).stringValue(),
                            hash == null || hash.isNull() ? null : hash.stringValue());
                    chunks[0] += bucket.docCount();
                });
        return new IndexSummary(Collections.unmodifiableMap(hashes), chunks[0]);
    }

    /**
     * This instance's changes plus the cluster's count of write operations (index and delete) on the index's
     * primaries, asked on every call (one light request): a write by another instance sharing the alias changes it
     * as soon as it is counted, and while the cluster cannot be asked no cached answer can be vouched for.
     *
     * @throws IndexUnavailableException when the cluster does not answer
     */
    @Override
    public long generation() {
        ensureOpen();
        long local = localChanges.get();
        try {
            var indexing = client.indices().stats(s -> s.index(alias).metric("indexing")).all().primaries()
                    .indexing();
            // both only grow (the counters restart only with the cluster), so any write by anyone changes the sum
            return local + (indexing == null ? 0 : indexing.indexTotal() + indexing.deleteTotal());
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("cannot read the write counters of", e);
        }
    }

    /**
     * Notices, at most once per {@link #ALIAS_CHECK_INTERVAL}, that the alias was moved to another index (by
     * {@code caravan reindex}) and takes over that index's embedding model, so a running instance follows the
     * switch: a model mismatch ends, or starts, without a restart, and caches keyed by the generation renew.
     */
    @Override
    protected void checkStoredIndex() {
        long now = System.nanoTime();
        if (now - nextAliasCheckNanos < 0) {
            return;
        }
        nextAliasCheckNanos = now + ALIAS_CHECK_INTERVAL.toNanos();
        try {
            String moved = indices.behindAlias();
            if (moved == null || moved.equals(indexName)) {
                return;
            }
            VectorIdentity vectors = indices.recorded(moved).vectors();
            synchronized (this) {
                storedVectors(vectors);
                indexName = moved;
                localChanges.incrementAndGet();
            }
            LOG.info("alias {} now points at {} (vectors of {})", alias, moved, vectors.describe());
        } catch (IOException | ElasticsearchException e) {
            // the request itself will report an outage; the next call looks again
            nextAliasCheckNanos = now;
        }
    }

    /** The concrete index behind the alias, for tests and the logs. */
    public String indexName() {
        return indexName;
    }

    @Override
    public boolean isHealthy() {
        if (isClosed()) {
            return false;
        }
        try {
            HealthStatus status = client.cluster().health(h -> h.index(alias).timeout(t -> t.time("2s"))).status();
            return status != HealthStatus.Red;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Marks the index closed and closes what it owns; later calls do nothing. Writes in progress finish first. */
    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        rounds.close();
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new IndexUnavailableException("cannot close the Elasticsearch client cleanly", e);
            }
        }
    }

    @Override
    protected String reason(Exception cause) {
        return ElasticsearchFailures.reason(cause);
    }

    private static void closeQuietly(AutoCloseable resource, Exception primary) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
