package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.search.SearchRequestBody;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import io.caravan.index.DocumentRejectedException;
import io.caravan.index.EmbeddingModelMismatchException;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.IndexStats;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.SearchRequest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link HybridIndex}: chunks in an Elasticsearch index reached through an alias
 * ({@code caravan-chunks} → {@code caravan-chunks-000001}), BM25 on {@code content} and the title, HNSW (cosine) on
 * {@code embedding}, the two lists fused in Caravan by {@link ElasticsearchIndexOptions#fusion()}: the same code as
 * Lucene, and no licensed feature (no RRF retriever).
 *
 * <p><b>Thread safety.</b> Instances are thread safe and meant to be shared. Writes of concurrent callers are
 * grouped: one caller at a time writes the queued upserts of everyone in one round of Bulk requests (documents of
 * a round are distinct; a second upsert of the same document waits for the next round), the others wait for it.
 *
 * <p><b>Replacement without a mix.</b> The index never refreshes by itself ({@code refresh_interval: -1}); each
 * round (1) writes the new chunks under ids of a new revision, (2) deletes the document's chunks of older
 * revisions, then (3) refreshes once, so readers see every document of the round either fully old or fully new.
 * Writes are acknowledged by Elasticsearch only once in its translog, so a returned upsert is durable.
 * If a round fails midway, the next round first rolls it back (new chunks deleted, when the old ones were not yet
 * touched) or forward (the rest of the old ones deleted), before its own refresh. If the process dies midway,
 * the documents may hold two revisions, or part of one: the next start repairs them, keeping for each document its
 * newest complete revision ({@code revision_chunks} says how many chunks make it complete) or, when none is
 * complete, nothing (the ledger left the document pending, so ingestion writes it again).
 *
 * <p><b>Bulk failures.</b> Items answered 429 or 5xx are retried alone with back-off ({@link BulkRetrier}); an item
 * refused for good (a mapping error) rolls back every document of that caller's upsert, whose previous chunks stay,
 * and fails it with a {@link DocumentRejectedException} carrying Elasticsearch's reason.
 *
 * <p><b>Embedding model.</b> Recorded in the mapping's {@code _meta} when the index is created. A non-empty index
 * built with another model (or length) stays readable for counts, hashes and deletes, but searches and upserts
 * throw {@link EmbeddingModelMismatchException}; an empty one is replaced by a new versioned index for the
 * configured model (alias switched, old index dropped).
 *
 * <p><b>Scope.</b> One writing Caravan instance per alias is assumed: another instance's refresh could expose a
 * round in progress, and its start-up repair could take a round in progress for a torn one. The generation that
 * keys answer caches adds the index's write counters in the cluster to this instance's writes, so instances that
 * share the alias (readers beside the writer) see each other's writes too.
 */
public final class ElasticsearchHybridIndex implements HybridIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHybridIndex.class);

    /** Elasticsearch's limit on k and num_candidates. */
    private static final int MAX_CANDIDATES = 10_000;
    /** Page size when listing chunk ids and document buckets. */
    private static final int PAGE = 1_000;
    /** Elasticsearch refuses document ids longer than 512 bytes. */
    private static final int MAX_ID_BYTES = 512;
    private static final Duration FIRST_RETRY_BACK_OFF = Duration.ofMillis(100);
    private static final Duration ALIAS_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final List<String> NO_VECTOR = List.of(ChunkSources.EMBEDDING);

    private final ElasticsearchClient client;
    private final AutoCloseable onClose;
    private final String alias;
    private final String embeddingModel;
    private final int dimensions;
    private final ElasticsearchIndexOptions options;
    private final ObjectMapper json;
    private final BulkRetrier<BulkOperation> bulk;
    /** The index behind the alias; another one after `caravan reindex` moved the alias. */
    private volatile String indexName;
    /** Model and dimensions the stored vectors come from. */
    private volatile String storedModel;
    private volatile int storedDimensions;
    private volatile boolean modelMismatch;
    /** When to look again which index the alias points at (System.nanoTime()). */
    private volatile long nextAliasCheckNanos;
    private final AtomicLong generation;
    private final AtomicLong lastRevision = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<PendingWrite> queue = new ArrayDeque<>();
    /**
     * What completes a round that failed midway, sent before anything else by the next round so that its refresh
     * never exposes the half-done one: before the old chunks were touched, the deletion of the new ones (roll
     * back); once they were being deleted, the rest of those deletions (roll forward). Searches cannot see
     * unrefreshed writes, but deletions by id can reach them. {@code null} when none is due. Guarded by writeLock.
     */
    private List<BulkOperation> unfinished;
    private volatile Summary summary;

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
        this.client = Objects.requireNonNull(client, "client");
        this.onClose = onClose;
        this.alias = Objects.requireNonNull(alias, "alias");
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be greater than zero, was " + dimensions);
        }
        this.dimensions = dimensions;
        this.options = Objects.requireNonNull(options, "options");
        this.json = new ObjectMapper();
        this.bulk = new BulkRetrier<>(this::sendBulk, duration -> Thread.sleep(duration.toMillis()),
                options.maxRetries(), FIRST_RETRY_BACK_OFF);
        // Seeded from the clock so that it keeps changing across restarts (caches are keyed by it).
        this.generation = new AtomicLong(System.currentTimeMillis() * 1000);
        try {
            String index = resolveOrCreateIndex();
            Map<String, JsonData> meta = meta(index);
            refresh();
            repairTornDocuments(null);
            long chunks = client.count(c -> c.index(alias)).count();
            String model = metaString(meta, ChunkSources.META_EMBEDDING_MODEL);
            int dims = meta.containsKey(ChunkSources.META_DIMENSIONS)
                    ? meta.get(ChunkSources.META_DIMENSIONS).to(Integer.class) : 0;
            boolean compatible = embeddingModel.equals(model) && dims == dimensions;
            if (!compatible && chunks == 0) {
                // Empty: nothing to keep, so the configured model takes the alias over with a fresh mapping.
                index = replaceEmptyIndex(index);
                model = embeddingModel;
                dims = dimensions;
                compatible = true;
            }
            String analyzer = metaString(meta, ChunkSources.META_ANALYZER);
            if (compatible && analyzer != null && !analyzer.equals(options.analyzer())) {
                LOG.warn("Elasticsearch index {} analyzes text with '{}' but '{}' is configured; run `caravan "
                        + "reindex` to apply it", index, analyzer, options.analyzer());
            }
            this.indexName = index;
            this.storedModel = model;
            this.storedDimensions = dims;
            this.modelMismatch = !compatible;
            this.nextAliasCheckNanos = System.nanoTime() + ALIAS_CHECK_INTERVAL.toNanos();
        } catch (IOException | ElasticsearchException e) {
            IndexUnavailableException failure = unavailable("cannot open", e);
            closeQuietly(onClose, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(onClose, e);
            throw e;
        }
        if (modelMismatch) {
            LOG.warn("Elasticsearch index {} holds vectors of {} but {} is configured; searches and upserts will fail "
                    + "until it is re-indexed", indexName, describe(storedModel, storedDimensions),
                    describe(embeddingModel, dimensions));
        }
    }

    // ---- writes

    @Override
    public void upsertAll(List<DocumentChunks> documents) {
        Objects.requireNonNull(documents, "documents");
        ensureOpen();
        if (documents.isEmpty()) {
            return;
        }
        followAlias();
        ensureModelMatches();
        // Validate the whole batch before writing, so a bad chunk leaves every document of the batch untouched.
        documents.forEach(d -> d.checkEmbeddings(embeddingModel, dimensions));
        write(documents);
    }

    @Override
    public void delete(String docId) {
        Objects.requireNonNull(docId, "docId");
        ensureOpen();
        write(List.of(new DocumentChunks(docId, null, List.of())));
    }

    /** Queues the documents and writes rounds until they are written (by this thread or another one). */
    private void write(List<DocumentChunks> documents) {
        PendingWrite pending = new PendingWrite(documents);
        synchronized (queue) {
            queue.addLast(pending);
        }
        writeLock.lock();
        try {
            while (!pending.done.isDone()) {
                ensureOpen();
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

    /** One round: the queued writes whose documents are distinct, written and made visible together. */
    private void writeRound() {
        List<PendingWrite> round = takeRound();
        if (round.isEmpty()) {
            return;
        }
        Set<String> docIds = new HashSet<>();
        round.forEach(p -> p.documents.forEach(d -> docIds.add(d.docId())));
        try {
            if (unfinished != null) {
                sendAll(unfinished, "finish an interrupted write to");
                // consistent again: make it visible, so the look-up of existing chunks below sees all of them
                refresh();
                unfinished = null;
            }
            Map<PendingWrite, String> rejected = applyRound(round, docIds);
            unfinished = List.of(); // a failed refresh leaves nothing to send, but one to redo
            refresh();
            unfinished = null;
            generation.incrementAndGet();
            for (PendingWrite pending : round) {
                String reason = rejected.get(pending);
                if (reason == null) {
                    pending.done.complete(null);
                } else {
                    pending.done.completeExceptionally(new DocumentRejectedException(reason));
                }
            }
        } catch (IOException | ElasticsearchException e) {
            IndexUnavailableException failure = unavailable("cannot write to", e);
            round.forEach(p -> p.done.completeExceptionally(failure));
        } catch (RuntimeException e) {
            round.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    private List<PendingWrite> takeRound() {
        List<PendingWrite> round = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int operations = 0;
        synchronized (queue) {
            while (!queue.isEmpty()) {
                PendingWrite next = queue.peekFirst();
                boolean overlaps = next.documents.stream().anyMatch(d -> taken.contains(d.docId()));
                boolean tooBig = !round.isEmpty() && operations + next.chunkCount() > options.maxBulkOperations();
                if (overlaps || tooBig) {
                    break;
                }
                queue.pollFirst();
                round.add(next);
                next.documents.forEach(d -> taken.add(d.docId()));
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
        Map<String, List<StoredChunk>> existing = new HashMap<>();
        forEachStoredChunk(docIdsQuery(docIds), stored ->
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
                    String id = documentId(chunk.docId(), chunk.chunkIndex(), revision);
                    Map<String, Object> source = ChunkSources.toSource(chunk, document.contentHash(), revision, count);
                    additions.add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(id)
                            .routing(document.docId()).document(source))));
                    owners.add(pending);
                    ownerDocs.add(document.docId());
                    newIds.computeIfAbsent(document.docId(), k -> new ArrayList<>()).add(id);
                }
            }
        }
        unfinished = newIds.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(id -> deletion(id, e.getKey()))).toList();
        Map<PendingWrite, String> rejected = new LinkedHashMap<>();
        for (List<Integer> slice : slices(additions.size())) {
            Map<Integer, String> failures = bulk.send(slice.stream().map(additions::get).toList());
            failures.forEach((position, reason) -> {
                int op = slice.get(position);
                rejected.putIfAbsent(owners.get(op), "Elasticsearch refused chunk of " + ownerDocs.get(op) + ": "
                        + reason);
            });
        }

        // 2. what the new revision replaces, or, for a refused caller, the new revision itself
        List<BulkOperation> deletions = new ArrayList<>();
        for (PendingWrite pending : round) {
            boolean refused = rejected.containsKey(pending);
            for (DocumentChunks document : pending.documents) {
                if (refused) {
                    newIds.getOrDefault(document.docId(), List.of())
                            .forEach(id -> deletions.add(deletion(id, document.docId())));
                } else {
                    existing.getOrDefault(document.docId(), List.of())
                            .forEach(stored -> deletions.add(deletion(stored.id(), stored.docId())));
                }
            }
        }
        unfinished = deletions;
        sendAll(deletions, "delete replaced chunks from");
        unfinished = null;
        return rejected;
    }

    /** Sends operations that cannot fail for good (deletions), in slices. */
    private void sendAll(List<BulkOperation> operations, String action) throws IOException {
        for (List<Integer> slice : slices(operations.size())) {
            Map<Integer, String> failures = bulk.send(slice.stream().map(operations::get).toList());
            if (!failures.isEmpty()) {
                throw new IndexUnavailableException("cannot " + action + " " + alias + ": "
                        + failures.values().iterator().next(), null);
            }
        }
    }

    private BulkOperation deletion(String id, String docId) {
        return BulkOperation.of(b -> b.delete(d -> d.index(alias).id(id).routing(docId)));
    }

    private List<BulkRetrier.ItemOutcome> sendBulk(List<BulkOperation> operations) throws IOException {
        BulkResponse response = client.bulk(b -> b.operations(operations));
        List<BulkRetrier.ItemOutcome> outcomes = new ArrayList<>(response.items().size());
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                // a delete of an id that is not there answers 404 "not_found" without an error: fine
                outcomes.add(BulkRetrier.ItemOutcome.OK);
            } else {
                outcomes.add(new BulkRetrier.ItemOutcome(item.status(),
                        item.error().type() + ": " + item.error().reason()));
            }
        }
        return outcomes;
    }

    private List<List<Integer>> slices(int size) {
        List<List<Integer>> slices = new ArrayList<>();
        for (int from = 0; from < size; from += options.maxBulkOperations()) {
            List<Integer> slice = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + options.maxBulkOperations()); i++) {
                slice.add(i);
            }
            slices.add(slice);
        }
        return slices;
    }

    /** Increases with every round and across restarts: the clock in microseconds, or one more than the last. */
    private long nextRevision() {
        long now = System.currentTimeMillis() * 1000;
        return lastRevision.updateAndGet(last -> Math.max(last + 1, now));
    }

    /** {@code docId#n@revision}, or a digest of it when longer than Elasticsearch takes. */
    static String documentId(String docId, int chunkIndex, long revision) {
        String id = Chunk.idOf(docId, chunkIndex) + "@" + revision;
        if (id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- crash repair

    /**
     * Keeps, for each given document (all when {@code null}), only its newest complete revision; a document with
     * none keeps nothing. Refreshes when anything was deleted.
     */
    private void repairTornDocuments(Set<String> docIds) throws IOException {
        Query scope = docIds == null ? Query.of(q -> q.matchAll(m -> m)) : docIdsQuery(docIds);
        Map<String, Map<Long, long[]>> revisions = new TreeMap<>();
        forEachBucket(scope, List.of(ChunkSources.DOC_ID, ChunkSources.REVISION), true, bucket -> {
            FieldValue revision = bucket.key().get(ChunkSources.REVISION);
            if (revision == null || revision.isNull()) {
                return;
            }
            double declared = bucket.aggregations().get("declared").max().value();
            revisions.computeIfAbsent(bucket.key().get(ChunkSources.DOC_ID).stringValue(), k -> new TreeMap<>())
                    .put(revision.longValue(), new long[] {bucket.docCount(), (long) declared});
        });
        Map<String, Set<Long>> drop = new TreeMap<>();
        revisions.forEach((docId, byRevision) -> {
            Long keep = null;
            for (Map.Entry<Long, long[]> entry : byRevision.entrySet()) {
                if (entry.getValue()[0] == entry.getValue()[1]) {
                    keep = entry.getKey(); // ascending: the last complete one is the newest
                }
            }
            Set<Long> others = new HashSet<>(byRevision.keySet());
            if (keep != null) {
                others.remove(keep);
            }
            if (!others.isEmpty()) {
                drop.put(docId, others);
            }
        });
        if (drop.isEmpty()) {
            return;
        }
        List<BulkOperation> deletions = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> entry : drop.entrySet()) {
            List<FieldValue> revisionValues = entry.getValue().stream().map(FieldValue::of).toList();
            Query torn = Query.of(q -> q.bool(b -> b
                    .filter(f -> f.term(t -> t.field(ChunkSources.DOC_ID).value(entry.getKey())))
                    .filter(f -> f.terms(t -> t.field(ChunkSources.REVISION).terms(v -> v.value(revisionValues))))));
            forEachStoredChunk(torn, stored -> deletions.add(deletion(stored.id(), stored.docId())));
        }
        sendAll(deletions, "repair torn documents in");
        refresh();
        LOG.warn("Elasticsearch index {}: repaired {} document(s) left half-replaced by an interrupted write "
                + "(kept each one's newest complete version, if any): {}", alias, drop.size(),
                drop.keySet().stream().limit(20).toList());
    }

    // ---- reads

    @Override
    public List<Hit> search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        followAlias();
        ensureModelMatches();
        if (request.vector() != null && request.vector().length != dimensions) {
            throw new IllegalArgumentException("query vector has " + request.vector().length
                    + " dimensions but the index holds vectors of " + dimensions);
        }
        List<Query> filter = filter(request);
        int candidates = (int) Math.min(MAX_CANDIDATES, (long) request.limit() * options.candidatesMultiplier());
        int limit = Math.min(request.limit(), MAX_CANDIDATES);
        try {
            return switch (request.mode()) {
                case BM25 -> search(bm25Body(request.text(), filter, limit));
                case DENSE -> search(denseBody(request.vector(), filter, candidates, limit));
                case HYBRID -> options.fusion().fuse(msearch(List.of(
                        bm25Body(request.text(), filter, candidates),
                        denseBody(request.vector(), filter, candidates, candidates))), request.limit());
            };
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("cannot search", e);
        }
    }

    /** Chunks the caller may read ({@code acl} intersects its groups) that match every metadata filter. */
    private static List<Query> filter(SearchRequest request) {
        List<Query> filter = new ArrayList<>();
        List<FieldValue> groups = request.groups().stream().map(FieldValue::of).toList();
        filter.add(Query.of(q -> q.terms(t -> t.field(ChunkSources.ACL).terms(v -> v.value(groups)))));
        for (Map.Entry<String, String> entry : request.filters().entrySet()) {
            String field = FILTER_FIELDS.get(entry.getKey());
            if (field == null) {
                throw new IllegalArgumentException("cannot filter on '" + entry.getKey() + "'; filterable fields are "
                        + SearchRequest.FILTERABLE_FIELDS);
            }
            filter.add(Query.of(q -> q.term(t -> t.field(field).value(entry.getValue()))));
        }
        return filter;
    }

    /** SearchRequest filter names mapped to index fields. */
    static final Map<String, String> FILTER_FIELDS = Map.of(
            "docId", ChunkSources.DOC_ID,
            "source", ChunkSources.SOURCE,
            "mimeType", ChunkSources.MIME_TYPE,
            "title", ChunkSources.TITLE,
            "section", ChunkSources.SECTION);

    /**
     * BM25 over content and title: {@code match} queries analyze the text and never parse it, so punctuation and
     * operators in a question are just text; the title counts {@code titleBoost} as much as the content (as Lucene).
     */
    private SearchRequestBody bm25Body(String text, List<Query> filter, int size) {
        Query anyTerm = Query.of(q -> q.bool(b -> b
                .should(s -> s.match(m -> m.field(ChunkSources.CONTENT).query(text)))
                .should(s -> s.match(m -> m.field(ChunkSources.TITLE_TEXT).query(text).boost(options.titleBoost())))
                .minimumShouldMatch("1")));
        return SearchRequestBody.of(b -> b
                .query(q -> q.bool(bool -> bool.must(anyTerm).filter(filter)))
                .size(size)
                .trackTotalHits(t -> t.enabled(false))
                .source(s -> s.filter(f -> f.excludes(NO_VECTOR))));
    }

    /** The {@code k} nearest vectors among the chunks matching {@code filter}, filtered during the graph search. */
    private SearchRequestBody denseBody(float[] vector, List<Query> filter, int k, int size) {
        List<Float> queryVector = new ArrayList<>(vector.length);
        for (float v : vector) {
            queryVector.add(v);
        }
        KnnSearch knn = KnnSearch.of(s -> s.field(ChunkSources.EMBEDDING).queryVector(queryVector)
                .k(k).numCandidates(k).filter(filter));
        return SearchRequestBody.of(b -> b
                .knn(knn)
                .size(size)
                .trackTotalHits(t -> t.enabled(false))
                .source(s -> s.filter(f -> f.excludes(NO_VECTOR))));
    }

    private List<Hit> search(SearchRequestBody body) throws IOException {
        return msearch(List.of(body)).get(0);
    }

    /** Runs the searches in one round trip; the node executes them in parallel. */
    private List<List<Hit>> msearch(List<SearchRequestBody> bodies) throws IOException {
        MsearchResponse<ObjectNode> response = client.msearch(m -> {
            m.index(alias);
            for (SearchRequestBody body : bodies) {
                m.searches(s -> s.header(h -> h).body(body));
            }
            return m;
        }, ObjectNode.class);
        List<List<Hit>> lists = new ArrayList<>();
        for (MultiSearchResponseItem<ObjectNode> item : response.responses()) {
            if (item.isFailure()) {
                throw new IndexUnavailableException("search of " + alias + " failed: "
                        + item.failure().error().type() + ": " + item.failure().error().reason(), null);
            }
            List<Hit> hits = new ArrayList<>();
            for (co.elastic.clients.elasticsearch.core.search.Hit<ObjectNode> hit : item.result().hits().hits()) {
                hits.add(new Hit(ChunkSources.toChunk(hit.source()), hit.score() == null ? 0 : hit.score()));
            }
            lists.add(hits);
        }
        return lists;
    }

    @Override
    public Map<String, String> documentHashes() {
        return summarize().hashes();
    }

    /**
     * This instance's write generation plus the cluster's count of write operations (index and delete) on the
     * index's primaries, asked on every call (one light request): a write by another instance sharing the alias
     * changes it as soon as it is counted, and while the cluster cannot be asked no cached answer can be vouched for.
     *
     * @throws IndexUnavailableException when the cluster does not answer
     */
    @Override
    public long generation() {
        ensureOpen();
        long local = generation.get();
        try {
            var indexing = client.indices().stats(s -> s.index(alias).metric("indexing")).all().primaries()
                    .indexing();
            // both only grow (the counters restart only with the cluster), so any write by anyone changes the sum
            return local + (indexing == null ? 0 : indexing.indexTotal() + indexing.deleteTotal());
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("cannot read the write counters of", e);
        }
    }

    @Override
    public IndexStats stats() {
        // Generation first: counts may then be newer than it, never older (a cache keyed by it stays safe).
        long currentGeneration = generation.get();
        Summary current = summarize();
        return new IndexStats(current.hashes().size(), current.chunks(), currentGeneration,
                current.chunks() == 0 ? null : storedModel);
    }

    /** Hashes and counts, computed once per generation: stats() is called per question. */
    private Summary summarize() {
        ensureOpen();
        long currentGeneration = generation.get();
        Summary cached = summary;
        if (cached != null && cached.generation() == currentGeneration) {
            return cached;
        }
        Map<String, String> hashes = new HashMap<>();
        long[] chunks = {0};
        try {
            forEachBucket(Query.of(q -> q.matchAll(m -> m)), List.of(ChunkSources.DOC_ID, ChunkSources.CONTENT_HASH),
                    false, bucket -> {
                        FieldValue hash = bucket.key().get(ChunkSources.CONTENT_HASH);
                        hashes.put(bucket.key().get(ChunkSources.DOC_ID).stringValue(),
                                hash == null || hash.isNull() ? null : hash.stringValue());
                        chunks[0] += bucket.docCount();
                    });
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("cannot read", e);
        }
        Summary fresh = new Summary(currentGeneration, Collections.unmodifiableMap(hashes), chunks[0]);
        summary = fresh;
        return fresh;
    }

    @Override
    public boolean isHealthy() {
        if (closed.get()) {
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
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
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new IndexUnavailableException("cannot close the Elasticsearch client cleanly", e);
            }
        }
    }

    /**
     * Notices, at most once per {@link #ALIAS_CHECK_INTERVAL}, that the alias was moved to another index (by
     * {@code caravan reindex}) and takes over that index's embedding model, so a running instance follows the
     * switch: a model mismatch ends, or starts, without a restart, and caches keyed by the generation renew.
     */
    private void followAlias() {
        long now = System.nanoTime();
        if (now - nextAliasCheckNanos < 0) {
            return;
        }
        nextAliasCheckNanos = now + ALIAS_CHECK_INTERVAL.toNanos();
        try {
            GetAliasResponse aliases = client.indices().getAlias(a -> a.name(alias));
            if (aliases.aliases().size() != 1 || aliases.aliases().containsKey(indexName)) {
                return;
            }
            String moved = aliases.aliases().keySet().iterator().next();
            Map<String, JsonData> meta = meta(moved);
            String model = metaString(meta, ChunkSources.META_EMBEDDING_MODEL);
            int dims = meta.containsKey(ChunkSources.META_DIMENSIONS)
                    ? meta.get(ChunkSources.META_DIMENSIONS).to(Integer.class) : 0;
            synchronized (this) {
                storedModel = model;
                storedDimensions = dims;
                modelMismatch = !(embeddingModel.equals(model) && dims == dimensions);
                indexName = moved;
                generation.incrementAndGet();
            }
            LOG.info("alias {} now points at {} (vectors of {})", alias, moved, describe(model, dims));
        } catch (IOException | ElasticsearchException e) {
            // the request itself will report an outage; the next call looks again
            nextAliasCheckNanos = now;
        }
    }

    /** The concrete index behind the alias, for tests and the logs. */
    public String indexName() {
        return indexName;
    }

    // ---- index management

    /** The index the alias points at, created (version 000001, with the mapping) when there is none. */
    private String resolveOrCreateIndex() throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                GetAliasResponse aliases = client.indices().getAlias(a -> a.name(alias));
                if (aliases.aliases().size() != 1) {
                    throw new IndexUnavailableException("alias " + alias + " points at " + aliases.aliases().size()
                            + " indices " + aliases.aliases().keySet() + "; Caravan needs exactly one", null);
                }
                return aliases.aliases().keySet().iterator().next();
            }
            if (client.indices().exists(e -> e.index(alias)).value()) {
                throw new IndexUnavailableException("'" + alias + "' is an index, not an alias: set "
                        + "caravan.elasticsearch.index to a name that is free or an alias made by Caravan", null);
            }
            String index = versionedName(1);
            try {
                createIndex(index);
                LOG.info("created Elasticsearch index {} behind alias {}", index, alias);
                return index;
            } catch (ElasticsearchException e) {
                // another instance created it first: use theirs
                if (attempt > 0 || !"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
    }

    private void createIndex(String index) throws IOException {
        ObjectNode body = ChunkSources.indexBody(json, alias, embeddingModel, dimensions, options);
        try {
            client.indices().create(c -> c.index(index).withJson(new StringReader(body.toString())));
        } catch (ElasticsearchException e) {
            if (e.getMessage() != null && e.getMessage().contains("analyzer")) {
                throw new IndexUnavailableException("Elasticsearch refused the mapping of " + index + ": "
                        + e.getMessage() + " (caravan.index.analyzer=" + options.analyzer() + "; a minimal node has "
                        + "only 'standard')", e);
            }
            throw e;
        }
    }

    /** Creates the next version for the configured model, moves the alias to it atomically, drops the old one. */
    private String replaceEmptyIndex(String old) throws IOException {
        int version = 1;
        int dash = old.lastIndexOf('-');
        if (old.startsWith(alias + "-") && dash > 0) {
            try {
                version = Integer.parseInt(old.substring(dash + 1)) + 1;
            } catch (NumberFormatException e) {
                version = 1;
            }
        }
        String next = versionedName(version);
        ObjectNode body = ChunkSources.indexBody(json, alias, embeddingModel, dimensions, options);
        body.remove("aliases");
        client.indices().create(c -> c.index(next).withJson(new StringReader(body.toString())));
        client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(old).alias(alias)))
                .actions(a -> a.add(ad -> ad.index(next).alias(alias).isWriteIndex(true))));
        client.indices().delete(d -> d.index(old));
        LOG.info("Elasticsearch index {} was empty and made for another embedding model; alias {} now points at {}",
                old, alias, next);
        return next;
    }

    private String versionedName(int version) {
        return String.format("%s-%06d", alias, version);
    }

    private Map<String, JsonData> meta(String index) throws IOException {
        TypeMapping mapping = client.indices().getMapping(m -> m.index(index)).get(index).mappings();
        return mapping.meta() == null ? Map.of() : mapping.meta();
    }

    private static String metaString(Map<String, JsonData> meta, String key) {
        JsonData value = meta.get(key);
        return value == null ? null : value.to(String.class);
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(alias));
    }

    // ---- paging helpers

    private static Query docIdsQuery(Set<String> docIds) {
        List<FieldValue> values = docIds.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(ChunkSources.DOC_ID).terms(v -> v.value(values))));
    }

    /** Every chunk matching {@code query}: its id and document, paged in a stable order. */
    private void forEachStoredChunk(Query query, Consumer<StoredChunk> consumer) throws IOException {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page = client.search(s -> {
                s.index(alias).query(query).size(PAGE).trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.includes(ChunkSources.DOC_ID)))
                        .sort(o -> o.field(f -> f.field(ChunkSources.CHUNK_ID).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field(ChunkSources.REVISION).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            var hits = page.hits().hits();
            for (var hit : hits) {
                consumer.accept(new StoredChunk(hit.id(), hit.source().path(ChunkSources.DOC_ID).asText()));
            }
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** Every composite bucket over {@code fields} of the chunks matching {@code query}, paged. */
    private void forEachBucket(Query query, List<String> fields, boolean withDeclaredCount,
                               Consumer<CompositeBucket> consumer) throws IOException {
        List<NamedValue<CompositeAggregationSource>> sources = fields.stream()
                .map(field -> NamedValue.of(field, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field)
                        .missingBucket(true)))))
                .toList();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            SearchResponse<Void> page = client.search(s -> s.index(alias).query(query).size(0)
                    .trackTotalHits(t -> t.enabled(false))
                    .aggregations("buckets", a -> {
                        a.composite(c -> {
                            c.size(PAGE).sources(sources);
                            if (from != null) {
                                c.after(from);
                            }
                            return c;
                        });
                        if (withDeclaredCount) {
                            a.aggregations("declared", d -> d.max(m -> m.field(ChunkSources.REVISION_CHUNKS)));
                        }
                        return a;
                    }), Void.class);
            CompositeAggregate buckets = page.aggregations().get("buckets").composite();
            buckets.buckets().array().forEach(consumer);
            if (buckets.buckets().array().size() < PAGE || buckets.afterKey() == null
                    || buckets.afterKey().isEmpty()) {
                return;
            }
            after = buckets.afterKey();
        }
    }

    // ---- checks


    private void ensureOpen() {
        if (closed.get()) {
            throw new IndexUnavailableException("the Elasticsearch index " + alias + " is closed", null);
        }
    }

    private void ensureModelMatches() {
        if (!modelMismatch) {
            return;
        }
        boolean sameModel = embeddingModel.equals(storedModel);
        throw new EmbeddingModelMismatchException(
                sameModel ? describe(storedModel, storedDimensions) : String.valueOf(storedModel),
                sameModel ? describe(embeddingModel, dimensions) : embeddingModel);
    }

    private static String describe(String model, int dims) {
        return (model == null ? "<unknown>" : model) + " (" + dims + " dimensions)";
    }

    private IndexUnavailableException unavailable(String action, Exception cause) {
        return new IndexUnavailableException(action + " the Elasticsearch index " + alias + ": "
                + ElasticsearchFailures.reason(cause), cause);
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

    /** One caller's upsert (or delete: a document without chunks) waiting for a round. */
    private static final class PendingWrite {
        final List<DocumentChunks> documents;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        PendingWrite(List<DocumentChunks> documents) {
            this.documents = List.copyOf(documents);
        }

        int chunkCount() {
            return documents.stream().mapToInt(d -> d.chunks().size()).sum();
        }
    }

    /** A stored chunk's document id (with its revision) and the document it belongs to. */
    private record StoredChunk(String id, String docId) {
    }

    /** Hashes and counts at a generation. */
    private record Summary(long generation, Map<String, String> hashes, long chunks) {
    }
}
