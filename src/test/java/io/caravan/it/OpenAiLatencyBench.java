package io.caravan.it;

import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

        try (RunningCaravan caravan = start(corpus)) {
            long[][] nanos = new long[2][questions];
            for (int i = 0; i < questions + WARMUP; i++) {
                String question = queries.get(i).text();
                // alternate which goes first, so neither always meets the other's leftovers (GC, JIT)
                long api;
                long openai;
                if (i % 2 == 0) {
                    api = time(caravan, apiAsk(question));
                    openai = time(caravan, chatCompletion(question));
                } else {
                    openai = time(caravan, chatCompletion(question));
                    api = time(caravan, apiAsk(question));
                }
                if (i >= WARMUP) {
                    nanos[0][i - WARMUP] = api;
                    nanos[1][i - WARMUP] = openai;
                }
            }
            LatencyStats apiStats = LatencyStats.ofNanos(nanos[0]);
            LatencyStats openaiStats = LatencyStats.ofNanos(nanos[1]);
            System.out.printf(Locale.ROOT, "%d documents, %d questions over HTTP, extractive, cache off, interleaved%n",
                    corpus.size(), questions);
            System.out.printf(Locale.ROOT, "POST /api/ask              p50 %.2f ms (p90 %.2f)%n",
                    apiStats.percentileMs(50), apiStats.percentileMs(90));
            System.out.printf(Locale.ROOT, "POST /v1/chat/completions  p50 %.2f ms (p90 %.2f)  p50 ratio %.3f%n",
                    openaiStats.percentileMs(50), openaiStats.percentileMs(90),
                    openaiStats.percentileMs(50) / apiStats.percentileMs(50));
        }
    }

    private RunningCaravan start(List<BeirCorpus.Document> corpus) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        RunningCaravan caravan = RunningCaravan.start(Files.createDirectories(dir.resolve("data")), inbox,
                Map.of("caravan.cache.enabled", "false", "caravan.jms.enabled", "false"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(corpus.size()).create();
        for (BeirCorpus.Document document : corpus) {
            Files.writeString(inbox.resolve(document.id() + ".txt"), document.fileText());
        }
        RunningCaravan.await(indexed, 1800);
        return caravan;
    }

    /** {@code POST /api/ask}: path and body. */
    private static String[] apiAsk(String question) {
        return new String[]{"/api/ask", "{\"question\":" + quoted(question) + "}"};
    }

    /** {@code POST /v1/chat/completions}: path and body. */
    private static String[] chatCompletion(String question) {
        return new String[]{"/v1/chat/completions", "{\"model\":\"caravan\",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + quoted(question) + "}]}"};
    }

    private static long time(RunningCaravan caravan, String[] pathAndBody) {
        HttpRequest.Builder request = caravan.request(pathAndBody[0]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pathAndBody[1]));
        long start = System.nanoTime();
        HttpResponse<String> response = caravan.send(request);
        long elapsed = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return elapsed;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
