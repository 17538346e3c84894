package io.caravan.it;

import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import org.apache.camel.builder.NotifyBuilder;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the adapter benches share (docs/benchmarks.md#openai-compatible-endpoint, #mcp-channel): one Caravan on
 * SciFact documents, extractive with the answer cache off, and the same questions asked two ways in turn.
 */
final class AdapterLatency {

    private AdapterLatency() {
    }

    /** Starts Caravan in {@code dir} (answer cache off, no JMS) and waits until {@code corpus} is indexed. */
    static RunningCaravan startOn(Path dir, List<BeirCorpus.Document> corpus) throws Exception {
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

    /**
     * Asks every question both ways, alternating which goes first so neither always meets the other's leftovers
     * (GC, JIT), and returns the times of each way after the first {@code warmup} questions.
     */
    static LatencyStats[] sideBySide(List<String> questions, int warmup, ToLongFunction<String> one,
                                     ToLongFunction<String> other) {
        int measured = questions.size() - warmup;
        long[][] nanos = new long[2][measured];
        for (int i = 0; i < questions.size(); i++) {
            String question = questions.get(i);
            long first;
            long second;
            if (i % 2 == 0) {
                first = one.applyAsLong(question);
                second = other.applyAsLong(question);
            } else {
                second = other.applyAsLong(question);
                first = one.applyAsLong(question);
            }
            if (i >= warmup) {
                nanos[0][i - warmup] = first;
                nanos[1][i - warmup] = second;
            }
        }
        return new LatencyStats[]{LatencyStats.ofNanos(nanos[0]), LatencyStats.ofNanos(nanos[1])};
    }

    /** The time of one JSON POST to {@code path}, which must answer 200. */
    static long timePost(RunningCaravan caravan, String path, String json) {
        HttpRequest.Builder request = caravan.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        long start = System.nanoTime();
        HttpResponse<String> response = caravan.send(request);
        long elapsed = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return elapsed;
    }

    /** {@code POST /api/ask} with {@code question}, timed. */
    static long timeApiAsk(RunningCaravan caravan, String question) {
        return timePost(caravan, "/api/ask", "{\"question\":" + quoted(question) + "}");
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
