package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.Chunk;
import io.caravan.index.ChunkFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Pages through every stored chunk, or every bucket of chunks, matching a query on the index behind an alias: the
 * look-ups behind replacement, repair and stats, which must see all matches, not a first page. Thread safe.
 */
final class ChunkScans {

    /** Page size when listing chunk ids and document buckets. */
    private static final int PAGE = 1_000;

    private final ElasticsearchClient client;
    private final String alias;

    ChunkScans(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** A stored chunk's document id (with its revision) and the document it belongs to. */
    record StoredChunk(String id, String docId) {
    }

    /** The chunks of the given documents. */
    static Query docIdsQuery(Set<String> docIds) {
        List<FieldValue> values = docIds.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(ChunkFields.DOC_ID).terms(v -> v.value(values))));
    }

    /** Every chunk matching {@code query}: its id and document, paged in a stable order. */
    void forEachStoredChunk(Query query, Consumer<StoredChunk> consumer) throws IOException {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page = client.search(s -> {
                s.index(alias).query(query).size(PAGE).trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.includes(ChunkFields.DOC_ID)))
                        .sort(o -> o.field(f -> f.field(ChunkFields.CHUNK_ID).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field(ChunkSources.REVISION).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            var hits = page.hits().hits();
            for (var hit : hits) {
                consumer.accept(new StoredChunk(hit.id(), hit.source().path(ChunkFields.DOC_ID).asText()));
            }
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /**
     * The chunks of one document, whole: every stored field and the embedding, of its newest revision only (an
     * older one can only be the rest of an interrupted write), in chunk order. What a re-label rewrites.
     */
    List<Chunk> readChunks(String docId) throws IOException {
        TreeMap<Long, Map<Integer, ObjectNode>> revisions = new TreeMap<>();
        Query query = docIdsQuery(Set.of(docId));
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page = client.search(s -> {
                // Elasticsearch 9.2 leaves vectors out of _source unless asked for them
                s.index(alias).query(query).size(PAGE).trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.excludeVectors(false)))
                        .sort(o -> o.field(f -> f.field(ChunkFields.CHUNK_ID).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field(ChunkSources.REVISION).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            var hits = page.hits().hits();
            for (var hit : hits) {
                ObjectNode source = hit.source();
                revisions.computeIfAbsent(ChunkSources.revisionOf(source), r -> new TreeMap<>())
                        .put(source.path(ChunkFields.CHUNK_INDEX).asInt(), source);
            }
            if (hits.size() < PAGE) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        List<Chunk> chunks = new ArrayList<>();
        if (!revisions.isEmpty()) {
            revisions.lastEntry().getValue().values().forEach(s -> chunks.add(ChunkSources.toChunkWithEmbedding(s)));
        }
        return chunks;
    }

    /**
     * Every composite bucket over {@code fields} of the chunks matching {@code query}, paged; with
     * {@code withDeclaredCount}, each bucket carries the largest {@code revision_chunks} as sub-aggregation
     * {@code declared}.
     */
    void forEachBucket(Query query, List<String> fields, boolean withDeclaredCount,
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
}
