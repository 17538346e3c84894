package io.caravan.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.caravan.CaravanRuntime;
import io.caravan.answer.Question;
import io.caravan.auth.Identity;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.eval.BeirDataset;
import io.caravan.eval.DocumentRankings;
import io.caravan.eval.Qrels;
import io.caravan.eval.RetrievalMetrics;
import io.caravan.index.Hit;
import io.caravan.index.SearchMode;
import io.caravan.retrieve.HybridRetriever;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Informative sweep of the in-process rerankers over a BEIR split: each model scores the first hybrid candidates of
 * every query once, then every (candidates, weight) pair is evaluated through the real {@link ScoringModelReranker},
 * document folding and metrics, with the scores looked up. Not a test; run with
 * {@code mvn -o test -Dcaravan.bench=true -Dtest=RerankTuningBench -Dcaravan.tune.index=DATA_DIR
 * -Dcaravan.tune.beir=BEIR_DIR [-Dcaravan.tune.split=train] [-Dcaravan.tune.models=a,b]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class RerankTuningBench {

    private static final int CHUNKS = 300;
    private static final int[] CANDIDATES = {5, 10, 15, 20, 30, 40};
    private static final double[] WEIGHTS = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0};

    @Test
    void sweep() throws Exception {
        Path indexDir = Path.of(System.getProperty("caravan.tune.index"));
        BeirDataset dataset = new BeirDataset(Path.of(System.getProperty("caravan.tune.beir")));
        String split = System.getProperty("caravan.tune.split", "train");
        int scored = Integer.getInteger("caravan.tune.scored", 40);
        List<String> models = Arrays.asList(System.getProperty("caravan.tune.models",
                "all-minilm-l6-v2-q,minilm-sentences,sentence-max-sim").split(","));
        int limit = Integer.getInteger("caravan.tune.queries", Integer.MAX_VALUE);
        Qrels qrels = dataset.qrels(split);
        Map<String, String> all = dataset.queries();
        Map<String, String> queries = new LinkedHashMap<>();
        for (String id : qrels.queryIds()) {
            if (all.containsKey(id) && queries.size() < limit) {
                queries.put(id, all.get(id));
            }
        }

        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("caravan.data-dir", indexDir.toString());
        overrides.put("camel.server.enabled", "false");
        overrides.put("camel.main.routes-include-pattern", "classpath:routes/errors.camel.yaml,"
                + "classpath:routes/pipeline-*.camel.yaml");
        overrides.put("caravan.sources.file.enabled", "false");
        try (CaravanRuntime runtime = new CaravanRuntime(overrides).start()) {
            var registry = runtime.context().getRegistry();
            EmbeddingModelSpec bge = registry.lookupByNameAndType("embeddingModelSpec", EmbeddingModelSpec.class);
            HybridRetriever retriever = registry.lookupByNameAndType("hybridRetriever", HybridRetriever.class);
            EmbeddingModelSpec minilm = EmbeddingModels.load(EmbeddingModels.ALL_MINILM_L6_V2_Q);
            Map<String, ScoringModel> scorers = new LinkedHashMap<>();
            scorers.put("all-minilm-l6-v2-q", new BiEncoderScoringModel(minilm));
            scorers.put("minilm-sentences", new SentenceMaxSimScoringModel(minilm));
            scorers.put("sentence-max-sim", new SentenceMaxSimScoringModel(bge));
            scorers.put("bge-passage", new BiEncoderScoringModel(bge));

            // 1. candidates and model scores, once
            Map<String, List<Hit>> candidates = new LinkedHashMap<>();
            Map<String, Map<String, Double>> scores = new HashMap<>(); // model -> key(query, passage) -> score
            Map<String, Long> nanos = new HashMap<>();
            for (var q : queries.entrySet()) {
                Question question = new Question("tune-" + q.getKey(), q.getValue(), null, null, CHUNKS,
                        Set.of(Identity.PUBLIC), "tune");
                float[] vector = bge.model().embed(TextSegment.from(bge.queryText(q.getValue()))).content().vector();
                List<Hit> hits = retriever.search(q.getValue(), vector, SearchMode.HYBRID, CHUNKS, question);
                candidates.put(q.getKey(), hits);
                List<Hit> head = hits.subList(0, Math.min(scored, hits.size()));
                List<TextSegment> segments = head.stream().map(h -> TextSegment.from(h.chunk().content())).toList();
                for (String model : models) {
                    long start = System.nanoTime();
                    List<Double> s = scorers.get(model).scoreAll(segments, q.getValue()).content();
                    nanos.merge(model, System.nanoTime() - start, Long::sum);
                    Map<String, Double> table = scores.computeIfAbsent(model, m -> new HashMap<>());
                    for (int i = 0; i < head.size(); i++) {
                        table.put(key(q.getValue(), segments.get(i).text()), s.get(i));
                    }
                }
            }
            for (String model : models) {
                System.out.printf(Locale.ROOT, "TUNE timing %s: %.2f ms per scored candidate (%d candidates)%n",
                        model, nanos.get(model) / 1e6 / queries.size() / scored, scored);
            }

            // 2. sweep, the hybrid baseline first
            report("hybrid", 0, 0, evaluate(queries, candidates, qrels, null));
            List<List<String>> combos = new ArrayList<>();
            models.forEach(m -> combos.add(List.of(m)));
            for (int i = 0; i < models.size(); i++) {
                for (int j = i + 1; j < models.size(); j++) {
                    combos.add(List.of(models.get(i), models.get(j)));
                }
            }
            for (List<String> combo : combos) {
                for (int c : CANDIDATES) {
                    if (c > scored) {
                        continue;
                    }
                    for (double w : WEIGHTS) {
                        ScoringModel lookup = new Lookup(combo, scores);
                        var reranker = new ScoringModelReranker(String.join("+", combo), lookup, c, w, CHUNKS);
                        report(String.join("+", combo), c, w, evaluate(queries, candidates, qrels, reranker));
                    }
                }
            }
        }
    }

    private static RetrievalMetrics.Scores evaluate(Map<String, String> queries, Map<String, List<Hit>> candidates,
                                                    Qrels qrels, ScoringModelReranker reranker) {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (var q : queries.entrySet()) {
            List<Hit> hits = candidates.get(q.getKey());
            if (reranker != null) {
                Question question = new Question(q.getKey(), q.getValue(), null, null, CHUNKS, Set.of("public"), "t");
                hits = reranker.rerank(question, hits);
            }
            rankings.put(q.getKey(), DocumentRankings.ids(DocumentRankings.fold(hits, 100)));
        }
        return RetrievalMetrics.evaluate(queries.keySet(), rankings, qrels);
    }

    private static void report(String model, int candidates, double weight, RetrievalMetrics.Scores s) {
        System.out.printf(Locale.ROOT, "TUNE %-45s c=%2d w=%.2f nDCG@10=%.4f R@100=%.4f MRR@10=%.4f%n", model,
                candidates, weight, s.ndcgAt10(), s.recallAt100(), s.mrrAt10());
    }

    private static String key(String query, String passage) {
        return query + '\u0000' + passage;
    }

    /** Precomputed scores; several models are averaged after min-max normalisation over the scored passages. */
    private record Lookup(List<String> models, Map<String, Map<String, Double>> scores) implements ScoringModel {
        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            double[] sum = new double[segments.size()];
            for (String model : models) {
                double[] s = new double[segments.size()];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < s.length; i++) {
                    s[i] = scores.get(model).get(key(query, segments.get(i).text()));
                    min = Math.min(min, s[i]);
                    max = Math.max(max, s[i]);
                }
                for (int i = 0; i < s.length; i++) {
                    sum[i] += max > min ? (s[i] - min) / (max - min) : 1;
                }
            }
            return Response.from(Arrays.stream(sum).boxed().toList());
        }
    }
}
