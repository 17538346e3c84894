package io.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

        try (RunningCaravan caravan = AdapterLatency.startOn(dir, corpus);
             McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(caravan.url(""))
                     .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build()) {
            mcp.initialize();
            LatencyStats[] stats = AdapterLatency.sideBySide(queries.stream().map(BeirCorpus.Query::text).toList(),
                    WARMUP, question -> AdapterLatency.timeApiAsk(caravan, question), question -> askMcp(mcp, question));
            LatencyStats http = stats[0];
            LatencyStats viaMcp = stats[1];
            System.out.printf(Locale.ROOT, "%d documents, %d questions, extractive, cache off, alternating%n",
                    corpus.size(), QUESTIONS);
            System.out.printf(Locale.ROOT, "POST /api/ask   p50 %.2f ms (p90 %.2f)%n", http.percentileMs(50),
                    http.percentileMs(90));
            System.out.printf(Locale.ROOT, "MCP ask tool    p50 %.2f ms (p90 %.2f)  p50 ratio %.3f%n",
                    viaMcp.percentileMs(50), viaMcp.percentileMs(90),
                    viaMcp.percentileMs(50) / http.percentileMs(50));
        }
    }

    private static long askMcp(McpSyncClient mcp, String question) {
        long start = System.nanoTime();
        McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("ask",
                Map.of("question", question)));
        long elapsed = System.nanoTime() - start;
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return elapsed;
    }
}
