package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.search.SearchRequestBody;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.AbstractHybridIndex;
import io.caravan.index.ChunkFields;
import io.caravan.index.Hit;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.RankedQuery;
import io.caravan.index.SearchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the ranked lists of a search on the index behind an alias, in one Multi Search round trip (the node runs
 * them in parallel): BM25 as {@code match} queries, dense as pre-filtered kNN, both restricted to the chunks the
 * caller may read. Thread safe.
 */
final class ElasticsearchSearches {

    private static final List<String> NO_VECTOR = List.of(ChunkFields.EMBEDDING);

    private final ElasticsearchClient client;
    private final String alias;
    private final float titleBoost;

    ElasticsearchSearches(ElasticsearchClient client, String alias, float titleBoost) {
        this.client = client;
        this.alias = alias;
        this.titleBoost = titleBoost;
    }

    /** Each list for the request, best first. */
    List<List<Hit>> rank(SearchRequest request, List<RankedQuery> queries) throws IOException {
        List<Query> filter = filter(request);
        List<SearchRequestBody> bodies = new ArrayList<>(queries.size());
        for (RankedQuery query : queries) {
            // Elasticsearch refuses more hits than its result window
            int size = Math.min(query.size(), AbstractHybridIndex.MAX_CANDIDATES);
            if (query instanceof RankedQuery.Dense dense) {
                bodies.add(denseBody(dense.vector(), filter, dense.k(), size));
            } else {
                bodies.add(bm25Body(((RankedQuery.Lexical) query).text(), filter, size));
            }
        }
        return msearch(bodies);
    }

    /** Chunks the caller may read ({@code acl} intersects its groups) that match every metadata filter. */
    private static List<Query> filter(SearchRequest request) {
        List<Query> filter = new ArrayList<>();
        if (!request.seesEveryGroup()) {
            List<FieldValue> groups = request.groups().stream().map(FieldValue::of).toList();
            filter.add(Query.of(q -> q.terms(t -> t.field(ChunkFields.ACL).terms(v -> v.value(groups)))));
        }
        for (Map.Entry<String, String> entry : request.filters().entrySet()) {
            String field = ChunkFields.filterField(entry.getKey());
            filter.add(Query.of(q -> q.term(t -> t.field(field).value(entry.getValue()))));
        }
        return filter;
    }

    /**
     * BM25 over content and title: {@code match} queries analyze the text and never parse it, so punctuation and
     * operators in a question are just text; the title counts {@code titleBoost} as much as the content (as Lucene).
     */
    private SearchRequestBody bm25Body(String text, List<Query> filter, int size) {
        Query anyTerm = Query.of(q -> q.bool(b -> b
                .should(s -> s.match(m -> m.field(ChunkFields.CONTENT).query(text)))
                .should(s -> s.match(m -> m.field(ChunkSources.TITLE_TEXT).query(text).boost(titleBoost)))
                .minimumShouldMatch("1")));
        return SearchRequestBody.of(b -> b
                .query(q -> q.bool(bool -> bool.must(anyTerm).filter(filter)))
                .size(size)
                .trackTotalHits(t -> t.enabled(false))
                .source(s -> s.filter(f -> f.excludes(NO_VECTOR))));
    }

    /** The {@code k} nearest vectors among the chunks matching {@code filter}, filtered during the graph search. */
    private static SearchRequestBody denseBody(float[] vector, List<Query> filter, int k, int size) {
        List<Float> queryVector = new ArrayList<>(vector.length);
        for (float v : vector) {
            queryVector.add(v);
        }
        KnnSearch knn = KnnSearch.of(s -> s.field(ChunkFields.EMBEDDING).queryVector(queryVector)
                .k(k).numCandidates(k).filter(filter));
        return SearchRequestBody.of(b -> b
                .knn(knn)
                .size(size)
                .trackTotalHits(t -> t.enabled(false))
                .source(s -> s.filter(f -> f.excludes(NO_VECTOR))));
    }

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
}
