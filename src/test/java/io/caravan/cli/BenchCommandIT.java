package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.Caravan;
import io.caravan.bench.BenchReport;
import io.caravan.report.BenchFigures;
import io.caravan.report.HtmlReport;
import io.caravan.report.ReportPages;
import io.caravan.report.ScaleFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs {@code caravan bench} in-process on the embedded engine over a tiny BEIR corpus, or a small generated one, or
 * synthetic chunks written straight into the index.
 */
class BenchCommandIT {

    @TempDir
    Path temp;

    @Test
    void should_print_every_ratio_and_where_the_ingestion_cpu_went__ending_with_one_json_line__and_report_them()
            throws Exception {
        // given
        Path corpus = Path.of(BenchCommandIT.class.getResource("/beir/tiny/corpus.jsonl").toURI());
        Path report = temp.resolve("bench.html");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("bench", "--corpus", corpus.toString(), "--questions", "3",
                    "--warmup", "1", "--warmup-docs", "2", "--rounds", "2", "--report", report.toString());
        } finally {
            System.setOut(stdout);
        }

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("ingestDocsPerSec", "embedOnlyDocsPerSec", "ingestRatio", "askP50Ms", "askP99Ms",
                "indexOnlyP50Ms", "queryRatio", "cpuRatio", "ingestCpuJitSeconds")) {
            assertThat(json.get(key)).as(key + " in " + json).isNotNull();
            assertThat(json.get(key).asDouble()).as(key).isGreaterThanOrEqualTo(0);
        }
        assertThat(json.get("documents").asInt()).isEqualTo(6);
        assertThat(json.get("indexed").asInt()).isEqualTo(6);
        // the table names the groups of threads the ingestion's CPU went to (six tiny documents: shares vary)
        assertThat(json.get("ingestCpuEmbeddingShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(out).contains("CPU time of the ingestion slices by thread")
                .contains("embedding (caravan-embed pool")
                .contains("waited for the JIT to go quiet after the warm-up");

        // and: the report has the JSON line's figures, both slices and both latency curves; stdout is unchanged
        String html = Files.readString(report);
        BenchFigures figures = ReportPages.figures(html, BenchFigures.class);
        assertThat(figures.slices()).hasSize(2);
        assertThat(figures.slices().stream().mapToInt(BenchFigures.Slice::documents).sum()).isEqualTo(6);
        assertThat(figures.askPercentilesMs()).hasSize(100);
        assertThat(figures.ingestionCpu()).isNotEmpty();
        for (String key : List.of("ingestRatio", "queryRatio", "askP50Ms", "documents")) {
            assertThat(figures.figures()).filteredOn(f -> f.key().equals(key)).extracting(BenchReport.Figure::value)
                    .as(key).containsExactly(json.get(key).asDouble());
        }
        assertThat(html).contains("<td>ingestRatio</td>")
                .contains(HtmlReport.escape(lines.get(lines.size() - 1)) + System.lineSeparator() + "</pre>");
        assertThat(lines.get(lines.size() - 1)).startsWith("{");
    }

    @Test
    void should_run_with_no_path_on_a_generated_corpus__ending_with_one_json_line() throws Exception {
        // given: nothing but the jar's classes, as in a fresh clone
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("bench", "--docs", "8", "--questions", "3", "--warmup", "1",
                    "--warmup-docs", "2", "--rounds", "2");
        } finally {
            System.setOut(stdout);
        }

        // then: the generated documents were ingested and measured like a BEIR corpus's
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        assertThat(out).contains("generated (8 abstract-like documents, seed 42");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("documents").asInt()).isEqualTo(8);
        assertThat(json.get("indexed").asInt()).isEqualTo(8);
        assertThat(json.get("chunks").asInt()).isEqualTo(json.get("embedOnlyChunks").asInt()).isGreaterThanOrEqualTo(8);
        for (String key : List.of("ingestRatio", "cpuRatio", "queryRatio", "askP50Ms", "indexOnlyP50Ms")) {
            assertThat(json.get(key).asDouble()).as(key).isPositive();
        }
    }

    @Test
    void should_grow_an_index_of_synthetic_chunks_and_print_the_growth_table__ending_with_one_json_line()
            throws Exception {
        // given
        Path report = temp.resolve("scale.html");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("bench", "--synthetic-chunks", "2000", "--synthetic-steps",
                    "500", "--synthetic-queries", "50", "--synthetic-warmup", "10", "--report", report.toString(),
                    // Lucene's bytes per chunk are read from its last commit: one every second, not every minute
                    "--caravan.index.commit-interval=1s");
        } finally {
            System.setOut(stdout);
        }

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        assertThat(out).contains("Synthetic scale: the index after each step").containsPattern("store +lucene")
                .contains("bm25 p50 ms").contains("dense p99 ms").contains("hybrid p50 ms")
                .contains("heap after GC MB").contains("RSS MB").contains("index MB/1,000 chunks");
        // one table row per step
        assertThat(out.lines().map(String::trim).filter(l -> l.startsWith("500 ") || l.startsWith("2,000 ")))
                .hasSize(2);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("chunks").asInt()).isEqualTo(2000);
        assertThat(json.get("steps")).hasSize(2);
        assertThat(json.get("steps").get(0).get("chunks").asInt()).isEqualTo(500);
        assertSaneScaleFigures(json);

        // and: the report has one point of the growth curve per step, the printed growth table and the JSON figures
        String html = Files.readString(report);
        ScaleFigures figures = ReportPages.figures(html, ScaleFigures.class);
        assertThat(figures.steps()).extracting(ScaleFigures.Step::chunks).containsExactly(500L, 2000L);
        assertThat(figures.steps().get(1).latency()).extracting(ScaleFigures.ModeLatency::mode)
                .containsExactly("bm25", "dense", "hybrid");
        assertThat(figures.steps().get(1).heapMbAfterGc()).isEqualTo(json.get("heapMbAfterGc").asDouble(),
                within(0.001));
        assertThat(html).contains("<th>index MB/1,000 chunks</th>").contains("<td class=\"number\">2,000</td>")
                .contains("<td>hybridP50Ms</td>");
    }

    /** Figures a synthetic run of 2,000 chunks gives on any machine that runs it at all. */
    static void assertSaneScaleFigures(JsonNode json) {
        assertThat(json.get("writeChunksPerSec").asDouble()).isPositive();
        for (String mode : List.of("bm25", "dense", "hybrid")) {
            double p50 = json.get(mode + "P50Ms").asDouble();
            assertThat(p50).as(mode).isPositive().isLessThan(5_000);
            assertThat(json.get(mode + "P99Ms").asDouble()).as(mode).isGreaterThanOrEqualTo(p50);
        }
        assertThat(json.get("heapMbAfterGc").asDouble()).isBetween(1.0, 8_192.0);
        assertThat(json.get("rssMb").asDouble()).isGreaterThan(json.get("heapMbAfterGc").asDouble());
        // each chunk holds ~1.5 KB of text and a 1.5 KB vector (384 floats): the index takes at least the vectors
        assertThat(json.get("indexBytesPer1000Chunks").asDouble()).isBetween(384 * 4 * 1000.0, 100_000_000.0);
    }
}
