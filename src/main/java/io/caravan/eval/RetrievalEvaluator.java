package io.caravan.eval;

import dev.langchain4j.data.segment.TextSegment;
import io.caravan.answer.Question;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.Hit;
import io.caravan.rerank.Reranker;
import io.caravan.retrieve.HybridRetriever;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs queries through the answering pipeline's retrieval (the same embedding, retriever, reranker and index as
 * {@code /api/ask}) in one {@link EvalMode} and folds each query's chunks into a document ranking.
 * Queries run one at a time so their latencies are not inflated by each other.
 */
public class RetrievalEvaluator {

    private final EmbeddingModelSpec embedding;
    private final HybridRetriever retriever;
    private final Reranker askReranker;
    private final Reranker evalReranker;
    private final Set<String> groups;
    private final int chunkCandidates;
    private final int documentsPerQuery;

    /**
     * @param askReranker       the reranker {@code direct:ask} uses, for {@link EvalMode#DEFAULT}
     * @param evalReranker      the reranker of {@link EvalMode#HYBRID_RERANK}
     * @param groups            the ACL groups the queries run as
     * @param chunkCandidates   chunks asked of the retriever per query
     * @param documentsPerQuery documents kept per query after folding
     */
    public RetrievalEvaluator(EmbeddingModelSpec embedding, HybridRetriever retriever, Reranker askReranker,
                              Reranker evalReranker, Set<String> groups, int chunkCandidates,
                              int documentsPerQuery) {
        this.embedding = embedding;
        this.retriever = retriever;
        this.askReranker = askReranker;
        this.evalReranker = evalReranker;
        this.groups = Set.copyOf(groups);
        this.chunkCandidates = chunkCandidates;
        this.documentsPerQuery = documentsPerQuery;
    }

    /** Ranks the documents of every query, by query id, timing each query from its text to its ranking. */
    public ModeRun run(EvalMode mode, Map<String, String> queries) {
        Map<String, List<RankedDocument>> rankings = new LinkedHashMap<>();
        List<Long> nanos = new ArrayList<>(queries.size());
        for (Map.Entry<String, String> query : queries.entrySet()) {
            long start = System.nanoTime();
            List<Hit> hits = chunks(mode, query.getKey(), query.getValue());
            rankings.put(query.getKey(), DocumentRankings.fold(hits, documentsPerQuery));
            nanos.add(System.nanoTime() - start);
        }
        return new ModeRun(mode, rankings, nanos);
    }

    private List<Hit> chunks(EvalMode mode, String queryId, String text) {
        Question question = new Question("eval-" + queryId, text, null, null, chunkCandidates, groups, "eval");
        if (mode == EvalMode.DEFAULT) {
            // what direct:ask does: embed the query text with the model's query prefix, retrieve, rerank
            return askReranker.rerank(question, retriever.candidates(question, queryVector(text)));
        }
        float[] vector = mode == EvalMode.BM25 ? null : queryVector(text);
        List<Hit> hits = retriever.search(text, vector, mode.searchMode(), chunkCandidates, question);
        return mode == EvalMode.HYBRID_RERANK ? evalReranker.rerank(question, hits) : hits;
    }

    private float[] queryVector(String text) {
        return embedding.model().embed(TextSegment.from(embedding.queryText(text))).content().vector();
    }

    /**
     * The rankings of one mode and the time each query took.
     *
     * @param rankings    documents best first, by query id
     * @param nanosPerQuery wall time of each query, in query order
     */
    public record ModeRun(EvalMode mode, Map<String, List<RankedDocument>> rankings, List<Long> nanosPerQuery) {

        /** Document ids best first, by query id. */
        public Map<String, List<String>> rankedIds() {
            Map<String, List<String>> ids = new LinkedHashMap<>();
            rankings.forEach((query, ranking) -> ids.put(query, DocumentRankings.ids(ranking)));
            return ids;
        }

        public double totalSeconds() {
            return nanosPerQuery.stream().mapToLong(Long::longValue).sum() / 1e9;
        }

        public double meanMillis() {
            return nanosPerQuery.isEmpty() ? 0 : totalSeconds() * 1000 / nanosPerQuery.size();
        }

        public double medianMillis() {
            if (nanosPerQuery.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(nanosPerQuery);
            sorted.sort(null);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
            return median / 1e6;
        }
    }
}
