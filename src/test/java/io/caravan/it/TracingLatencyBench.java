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
 * What tracing costs a question over HTTP, measured in one run: two Caravans on the same SciFact documents, one
 * without tracing and one exporting every span (sample ratio 1) over OTLP/HTTP to a receiver in this JVM, asked the
 * same questions in turn, extractive, answer cache off. Not a test; run with
 * {@code mvn -o test -Dcaravan.bench=true -Dtest=TracingLatencyBench [-Dcaravan.bench.beir=BEIR_DIR]
 * [-Dcaravan.bench.documents=200]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class TracingLatencyBench {

    private static final int QUESTIONS = 200;
    private static final int WARMUP = 20;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Path beir = Path.of(System.getProperty("caravan.bench.beir", "/work/shared/eval-data/scifact/beir"));
        int documents = Integer.getInteger("caravan.bench.documents", 200);
        List<BeirCorpus.Document> corpus = BeirCorpus.readDocuments(beir.resolve("corpus.jsonl"), documents);
        List<BeirCorpus.Query> queries = BeirCorpus.readQueries(beir.resolve("queries.jsonl"), QUESTIONS + WARMUP);
        Map<String, String> common = Map.of("caravan.cache.enabled", "false", "caravan.jms.enabled", "false");

        try (OtlpReceiver receiver = new OtlpReceiver();
             RunningCaravan off = start("off", common, Map.of(), corpus);
             RunningCaravan on = start("on", common, Map.of("caravan.tracing.otlp-endpoint", receiver.tracesUrl()),
                     corpus)) {
            long[][] nanos = new long[2][QUESTIONS];
            for (int i = 0; i < QUESTIONS + WARMUP; i++) {
                String question = queries.get(i).text();
                // alternate which goes first, so neither always meets the other's leftovers (GC, export)
                long[] round = i % 2 == 0 ? new long[]{ask(off, question), ask(on, question)}
                        : reversed(ask(on, question), ask(off, question));
                if (i >= WARMUP) {
                    nanos[0][i - WARMUP] = round[0];
                    nanos[1][i - WARMUP] = round[1];
                }
            }
            LatencyStats untraced = LatencyStats.ofNanos(nanos[0]);
            LatencyStats traced = LatencyStats.ofNanos(nanos[1]);
            System.out.printf(Locale.ROOT, "%d documents, %d questions over HTTP, extractive, cache off, interleaved%n",
                    corpus.size(), QUESTIONS);
            System.out.printf(Locale.ROOT, "tracing off     p50 %.2f ms (p90 %.2f)%n", untraced.percentileMs(50),
                    untraced.percentileMs(90));
            System.out.printf(Locale.ROOT, "tracing on      p50 %.2f ms (p90 %.2f)  ratio %.3f  (%d spans exported)%n",
                    traced.percentileMs(50), traced.percentileMs(90),
                    traced.percentileMs(50) / untraced.percentileMs(50), receiver.spans().size());
        }
    }

    private static long[] reversed(long on, long off) {
        return new long[]{off, on};
    }

    private RunningCaravan start(String name, Map<String, String> common, Map<String, String> tracing,
                                 List<BeirCorpus.Document> corpus) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(common);
        config.putAll(tracing);
        Path inbox = Files.createDirectories(dir.resolve(name + "-inbox"));
        RunningCaravan caravan = RunningCaravan.start(Files.createDirectories(dir.resolve(name + "-data")), inbox,
                config);
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(corpus.size()).create();
        for (BeirCorpus.Document document : corpus) {
            Files.writeString(inbox.resolve(document.id() + ".txt"), document.fileText());
        }
        RunningCaravan.await(indexed, 1800);
        return caravan;
    }

    private static long ask(RunningCaravan caravan, String question) {
        HttpRequest.Builder request = caravan.request("/api/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":" + quoted(question) + "}"));
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
