package io.caravan.it;

import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;


/**
 * What the OpenAI-compatible adapter costs a question (docs/benchmarks.md#openai-compatible-endpoint), measured in
 * one run on one Caravan with SciFact documents: the same questions asked through {@code POST /api/ask} and through
 * {@code POST /v1/chat/completions} in turn, extractive, answer cache off. Not a test; run with
 * {@code mvn -o test -Dcaravan.bench=true -Dtest=OpenAiLatencyBench [-Dcaravan.bench.beir=BEIR_DIR]
 * [-Dcaravan.bench.documents=200] [-Dcaravan.bench.questions=100]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class OpenAiLatencyBench {

    private static final int WARMUP = 20;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Path beir = Path.of(System.getProperty("caravan.bench.beir", "/work/shared/eval-data/scifact/beir"));
        int documents = Integer.getInteger("caravan.bench.documents", 200);
        int questions = Integer.getInteger("caravan.bench.questions", 100);
        List<BeirCorpus.Document> corpus = BeirCorpus.readDocuments(beir.resolve("corpus.jsonl"), documents);
        List<BeirCorpus.Query> queries = BeirCorpus.readQueries(beir.resolve("queries.jsonl"), questions + WARMUP);

        try (RunningCaravan caravan = AdapterLatency.startOn(dir, corpus)) {
            LatencyStats[] stats = AdapterLatency.sideBySide(queries.stream().map(BeirCorpus.Query::text).toList(),
                    WARMUP, question -> AdapterLatency.timeApiAsk(caravan, question),
                    question -> AdapterLatency.timePost(caravan, "/v1/chat/completions", chatCompletion(question)));
            LatencyStats apiStats = stats[0];
            LatencyStats openaiStats = stats[1];
            System.out.printf(Locale.ROOT, "%d documents, %d questions over HTTP, extractive, cache off, interleaved%n",
                    corpus.size(), questions);
            System.out.printf(Locale.ROOT, "POST /api/ask              p50 %.2f ms (p90 %.2f)%n",
                    apiStats.percentileMs(50), apiStats.percentileMs(90));
            System.out.printf(Locale.ROOT, "POST /v1/chat/completions  p50 %.2f ms (p90 %.2f)  p50 ratio %.3f%n",
                    openaiStats.percentileMs(50), openaiStats.percentileMs(90),
                    openaiStats.percentileMs(50) / apiStats.percentileMs(50));
        }
    }

    /** {@code POST /v1/chat/completions}: the body. */
    private static String chatCompletion(String question) {
        return "{\"model\":\"caravan\",\"messages\":[{\"role\":\"user\",\"content\":"
                + AdapterLatency.quoted(question) + "}]}";
    }
}
