package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.Caravan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code caravan bench} in-process on the embedded engine over a tiny BEIR corpus, or a small generated one. */
class BenchCommandIT {

    @TempDir
    Path temp;

    @Test
    void should_print_every_ratio_and_where_the_ingestion_cpu_went__ending_with_one_json_line() throws Exception {
        // given
        Path corpus = Path.of(BenchCommandIT.class.getResource("/beir/tiny/corpus.jsonl").toURI());
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("bench", "--corpus", corpus.toString(), "--questions", "3",
                    "--warmup", "1", "--warmup-docs", "2", "--rounds", "2");
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
}
