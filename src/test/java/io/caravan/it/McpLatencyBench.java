package io.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the MCP channel costs a question, measured in one run: one Caravan on the same SciFact documents asked the
 * same questions through the MCP {@code ask} tool (the MCP Java SDK's client over Streamable HTTP, one initialized
 * client) and through {@code POST /api/ask}, alternating which goes first, extractive, answer cache off. Not a test;
 * run with {@code mvn -o test -Dcaravan.bench=true -Dtest=McpLatencyBench [-Dcaravan.bench.beir=BEIR_DIR]
 * [-Dcaravan.bench.documents=200]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class McpLatencyBench {

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

        try (RunningCaravan caravan = start(corpus);
             McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(caravan.url(""))
                     .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build()) {
            mcp.initialize();
            long[][] nanos = new long[2][QUESTIONS];
            for (int i = 0; i < QUESTIONS + WARMUP; i++) {
                String question = queries.get(i).text();
                // alternate which goes first, so neither always meets the other's leftovers (GC, JIT)
                long[] round = i % 2 == 0 ? new long[]{askHttp(caravan, question), askMcp(mcp, question)}
                        : reversed(askMcp(mcp, question), askHttp(caravan, question));
                if (i >= WARMUP) {
                    nanos[0][i - WARMUP] = round[0];
                    nanos[1][i - WARMUP] = round[1];
                }
            }
            LatencyStats http = LatencyStats.ofNanos(nanos[0]);
            LatencyStats viaMcp = LatencyStats.ofNanos(nanos[1]);
            System.out.printf(Locale.ROOT, "%d documents, %d questions, extractive, cache off, alternating%n",
                    corpus.size(), QUESTIONS);
            System.out.printf(Locale.ROOT, "POST /api/ask   p50 %.2f ms (p90 %.2f)%n", http.percentileMs(50),
                    http.percentileMs(90));
            System.out.printf(Locale.ROOT, "MCP ask tool    p50 %.2f ms (p90 %.2f)  p50 ratio %.3f%n",
                    viaMcp.percentileMs(50), viaMcp.percentileMs(90),
                    viaMcp.percentileMs(50) / http.percentileMs(50));
        }
    }

    private static long[] reversed(long mcp, long http) {
        return new long[]{http, mcp};
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

    private static long askMcp(McpSyncClient mcp, String question) {
        long start = System.nanoTime();
        McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("ask",
                Map.of("question", question)));
        long elapsed = System.nanoTime() - start;
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return elapsed;
    }

    private static long askHttp(RunningCaravan caravan, String question) {
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
