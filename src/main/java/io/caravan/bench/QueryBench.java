package io.caravan.bench;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.auth.Identity;
import io.caravan.config.CaravanSettings;
import io.caravan.config.RetrievalSettings;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Query latency of {@code direct:ask} end to end next to the bare hybrid index query on the same questions: the
 * query's embedding (a hybrid index cannot be searched without it) and {@link HybridIndex#search}, whose time alone
 * is reported too. One caller. Not thread safe: one thread runs it.
 */
public final class QueryBench {

    private final CamelContext context;
    private final EmbeddingModelSpec spec;
    private final HybridIndex index;
    private final SearchMode mode;
    private final int limit;

    /** Measures against the running pipeline and index of {@code context}, with its retrieval settings. */
    public QueryBench(CamelContext context, EmbeddingModelSpec spec) {
        this.context = context;
        this.spec = spec;
        this.index = context.getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
        RetrievalSettings retrieval = CaravanSettings.of(context).retrieval();
        this.mode = retrieval.mode();
        // the limit HybridRetriever asks for with the default top-k
        this.limit = Math.max(retrieval.candidates(), retrieval.topK());
    }

    /**
     * Times the first {@code questions} queries (cycling) after {@code warmup} untimed ones, the ones after them;
     * returns the two latency series.
     */
    public QueryRun measure(List<BeirCorpus.Query> queries, int questions, int warmup, BenchReport report) {
        List<String> timed = new ArrayList<>();
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < questions + warmup; i++) {
            (i < questions ? timed : warm).add(queries.get(i % queries.size()).text());
        }
        ProducerTemplate template = context.createProducerTemplate();
        for (String text : warm) {
            template.requestBody("direct:ask", question(text), Answer.class);
            index.search(searchRequest(text, embedQuery(text)));
        }
        long[] askNanos = new long[timed.size()];
        long[] queryNanos = new long[timed.size()];
        long[] searchNanos = new long[timed.size()];
        long[] embedNanos = new long[timed.size()];
        int cached = 0;
        // each question through the pipeline, then bare, alternately: both series see the same machine
        for (int i = 0; i < timed.size(); i++) {
            long askStart = System.nanoTime();
            Answer answer = template.requestBody("direct:ask", question(timed.get(i)), Answer.class);
            askNanos[i] = System.nanoTime() - askStart;
            cached += answer.cached() ? 1 : 0;

            long embedStart = System.nanoTime();
            SearchRequest request = searchRequest(timed.get(i), embedQuery(timed.get(i)));
            long start = System.nanoTime();
            index.search(request);
            long end = System.nanoTime();
            embedNanos[i] = start - embedStart;
            searchNanos[i] = end - start;
            queryNanos[i] = end - embedStart;
        }
        QueryRun run = new QueryRun(LatencyStats.ofNanos(askNanos), LatencyStats.ofNanos(queryNanos));
        report(warm.size(), cached, run.ask(), run.indexOnly(), LatencyStats.ofNanos(searchNanos),
                LatencyStats.ofNanos(embedNanos), report);
        return run;
    }

    /**
     * The latencies {@link QueryBench} measured, for charts.
     *
     * @param ask       each question through {@code direct:ask}
     * @param indexOnly the same questions as bare hybrid queries (query embedding and index search)
     */
    public record QueryRun(LatencyStats ask, LatencyStats indexOnly) {
    }

    private void report(int warmup, int cached, LatencyStats ask, LatencyStats indexOnly, LatencyStats search,
                        LatencyStats embed, BenchReport report) {
        report.section("Query latency, 1 caller, " + warmup + " warm-up questions first")
                .count("questions", "questions", ask.count())
                .note("retrieval", mode + ", limit " + limit + ", extractive answer")
                .figure("ask p50 (direct:ask, query embedding included)", "askP50Ms", ask.percentileMs(50), "ms")
                .figure("ask p99", "askP99Ms", ask.percentileMs(99), "ms")
                .figure("ask mean", "askMeanMs", ask.meanMs(), "ms")
                .count("ask answers served from a cache", "askCachedAnswers", cached)
                .figure("indexOnly p50 (bare hybrid query: model.embed + hybridIndex.search)", "indexOnlyP50Ms",
                        indexOnly.percentileMs(50), "ms")
                .figure("indexOnly p99", "indexOnlyP99Ms", indexOnly.percentileMs(99), "ms")
                .figure("indexOnly mean", "indexOnlyMeanMs", indexOnly.meanMs(), "ms")
                .figure("  of which hybridIndex.search p50 (vector precomputed)", "indexSearchP50Ms",
                        search.percentileMs(50), "ms")
                .figure("  of which query embedding p50 (model.embed)", "queryEmbedP50Ms", embed.percentileMs(50),
                        "ms")
                .figure("queryRatio = askP50 / indexOnlyP50", "queryRatio",
                        ask.percentileMs(50) / indexOnly.percentileMs(50), "");
    }

    private static Question question(String text) {
        return new Question(UUID.randomUUID().toString(), text, null, null, null, Set.of(Identity.PUBLIC), "cli");
    }

    private float[] embedQuery(String text) {
        return spec.model().embed(spec.queryText(text)).content().vector();
    }

    private SearchRequest searchRequest(String text, float[] vector) {
        return new SearchRequest(text, vector, mode, limit, Set.of(Identity.PUBLIC), Map.of());
    }
}
