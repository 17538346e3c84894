package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.Caravan;
import io.caravan.it.ElasticsearchNode;
import io.caravan.report.ReportPages;
import io.caravan.report.ScaleFigures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caravan eval} and {@code caravan bench} on Elasticsearch: their own aliases, never the production one. */
class ElasticsearchCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-cmd-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        node.request("DELETE", alias + "*", null);
    }

    private List<String> onElasticsearch() {
        return List.of("--caravan.store=elasticsearch", "--caravan.elasticsearch.url=" + node.url(),
                "--caravan.elasticsearch.index=" + alias, "--caravan.index.analyzer=standard",
                "--caravan.data-dir=" + temp.resolve("data"));
    }

    @Test
    void should_evaluate_into_an_alias_of_its_own_and_reuse_it() throws Exception {
        // given
        Path beir = copyTinyDataset(temp.resolve("beir"));

        // when
        String[] first = run("eval", beir.toString(), "--mode", "hybrid");
        String[] second = run("eval", beir.toString(), "--mode", "hybrid");

        // then
        assertThat(first[0]).as(first[1] + first[2]).isEqualTo("0");
        assertThat(first[1]).contains("index built: 6 documents: 6 indexed");
        assertThat(row(first[1], "hybrid")[1]).isEqualTo("1.0000");
        assertThat(second[0]).as(second[1] + second[2]).isEqualTo("0");
        assertThat(second[1]).contains("index reused: 6 documents");
        // the production alias was never created; the eval one holds the corpus, its ledger beside it
        // (docs/architecture.md#index-engines)
        List<String> chunkAliases = aliases().stream().filter(a -> !a.endsWith("-ledger")).toList();
        assertThat(chunkAliases).singleElement().satisfies(a -> assertThat(a).startsWith(alias + "-eval-"));
        assertThat(aliases()).containsExactlyInAnyOrder(chunkAliases.get(0), chunkAliases.get(0) + "-ledger");
        assertThat(JSON.readTree(node.request("GET", chunkAliases.get(0) + "/_count", null).body())
                .get("count").asInt()).isEqualTo(6);
    }

    @Test
    void should_bench_on_a_bench_alias_and_delete_it_at_the_end() throws Exception {
        // given
        Path beir = copyTinyDataset(temp.resolve("beir"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute(Stream.concat(Stream.of("bench", "--corpus",
                    beir.resolve("corpus.jsonl").toString(), "--questions", "3", "--warmup", "1",
                    "--warmup-docs", "0"), onElasticsearch().stream()).toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        assertThat(out).contains(alias + "-bench-").contains("deleted: [" + alias + "-bench-");
        assertThat(aliases()).isEmpty();
        assertThat(node.request("GET", alias + "*/_count", null).body()).doesNotContain("\"count\":6");
    }

    @Test
    void should_grow_synthetic_chunks_on_a_bench_alias__measure_its_store_and_delete_it() throws Exception {
        // given
        Path report = temp.resolve("scale.html");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute(Stream.concat(Stream.of("bench", "--synthetic-chunks", "2000",
                    "--synthetic-steps", "1000", "--synthetic-queries", "50", "--synthetic-warmup", "10",
                    "--report", report.toString()),
                    onElasticsearch().stream()).toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }

        // then: the figures are the node's (the store of the alias's primaries), and the alias is gone
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        assertThat(out).containsPattern("store +elasticsearch, alias " + alias + "-bench-")
                .contains("Synthetic scale: the index after each step")
                .contains("deleted: [" + alias + "-bench-");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        var json = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(json.get("chunks").asInt()).isEqualTo(2000);
        assertThat(json.get("steps")).hasSize(2);
        BenchCommandIT.assertSaneScaleFigures(json);
        assertThat(aliases()).isEmpty();
        // and: the report has both steps, with the primaries' size per 1,000 chunks the JSON line has
        ScaleFigures figures = ReportPages.figures(Files.readString(report), ScaleFigures.class);
        assertThat(figures.steps()).extracting(ScaleFigures.Step::chunks).containsExactly(1000L, 2000L);
        assertThat(figures.steps().get(1).indexMbPer1000Chunks() * 1024 * 1024)
                .isCloseTo(json.get("indexBytesPer1000Chunks").asDouble(), within(1.0));
    }

    /** Aliases on the node that start with this test's prefix. */
    private List<String> aliases() throws IOException {
        List<String> names = new ArrayList<>();
        Iterator<String> all = JSON.readTree(node.request("GET", "_alias", null).body()).fieldNames();
        while (all.hasNext()) {
            String index = all.next();
            JSON.readTree(node.request("GET", index + "/_alias", null).body()).get(index).get("aliases")
                    .fieldNames().forEachRemaining(a -> {
                        if (a.startsWith(alias)) {
                            names.add(a);
                        }
                    });
        }
        return names;
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Caravan.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(Stream.concat(Arrays.stream(args), onElasticsearch().stream())
                .toArray(String[]::new));
        return new String[] {Integer.toString(exitCode), out.toString(), err.toString()};
    }

    private static String[] row(String out, String mode) {
        return out.lines().filter(l -> l.startsWith(mode + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + mode + " in:\n" + out)).trim().split("\\s+");
    }

    private static Path copyTinyDataset(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(ElasticsearchCommandsIT.class.getResource("/beir/tiny/corpus.jsonl").toURI()).getParent();
        Files.createDirectories(target.resolve("qrels"));
        for (String file : List.of("corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "qrels/train.tsv")) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        return target;
    }
}
