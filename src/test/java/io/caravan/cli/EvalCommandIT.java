package io.caravan.cli;

import io.caravan.Caravan;
import io.caravan.report.EvalFigures;
import io.caravan.report.ReportPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code caravan eval} in-process on a tiny BEIR folder where the relevant document of each query is obvious. */
class EvalCommandIT {

    @TempDir
    Path temp;

    @Test
    void should_score_an_obvious_dataset_perfectly__reuse_the_index__and_write_a_trec_run_and_a_report()
            throws Exception {
        // given
        Path beir = copyTinyDataset(temp.resolve("beir"));
        Path runFile = temp.resolve("run.trec");
        Path report = temp.resolve("eval.html");
        String dataDir = "--caravan.data-dir=" + temp.resolve("data");

        // when
        Result first = eval(beir.toString(), "--mode", "all", "--run-file", runFile.toString(), "--report",
                report.toString(), dataDir);
        Result second = eval(beir.toString(), "--mode", "hybrid", dataDir);

        // then: every record went through the ingestion pipeline once, then the index was reused
        assertThat(first.exitCode).as(first.out).isZero();
        assertThat(first.out).contains("index built: 6 documents: 6 indexed");
        assertThat(second.exitCode).as(second.out).isZero();
        assertThat(second.out).contains("index reused: 6 documents").contains("indexing skipped");

        // and: the right document comes first for every query in every mode
        for (String mode : List.of("bm25", "dense", "hybrid", "hybrid+rerank", "default")) {
            String[] row = first.row(mode);
            assertThat(row[1]).as("nDCG@10 of " + mode).isEqualTo("1.0000");
            assertThat(row[2]).as("Recall@100 of " + mode).isEqualTo("1.0000");
            assertThat(row[3]).as("MRR@10 of " + mode).isEqualTo("1.0000");
            assertThat(row[4]).as("queries of " + mode).isEqualTo("3");
        }
        assertThat(second.row("hybrid")[1]).isEqualTo("1.0000");
        assertThat(second.row("hybrid")[8]).isEqualTo("reused");

        // and: the run file is TREC format, ranks 1..n per judged query, at most 100 each
        List<String> lines = Files.readAllLines(runFile);
        assertThat(lines).allMatch(l -> l.matches("\\S+ Q0 \\S+ \\d+ -?\\d+\\.\\d+ caravan-default"));
        Map<String, List<String[]>> byQuery = lines.stream().map(l -> l.split(" "))
                .collect(Collectors.groupingBy(f -> f[0], LinkedHashMap::new, Collectors.toList()));
        assertThat(byQuery).containsOnlyKeys("q1", "q2", "q3");
        byQuery.forEach((query, rows) -> {
            assertThat(rows).hasSizeBetween(1, 100);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i)[3]).isEqualTo(String.valueOf(i + 1));
            }
        });
        assertThat(byQuery.get("q2").get(0)[2]).isEqualTo("d3");

        // and: the report holds the printed table, row by row, and the figures behind its charts
        assertThat(first.err).contains("report: " + report);
        String html = Files.readString(report);
        for (String mode : List.of("bm25", "dense", "hybrid", "hybrid+rerank", "default")) {
            String[] row = first.row(mode);
            assertThat(html).contains("<tr><td>" + mode + "</td><td class=\"number\">" + row[1]
                    + "</td><td class=\"number\">" + row[2] + "</td><td class=\"number\">" + row[3] + "</td>");
        }
        EvalFigures figures = ReportPages.figures(html, EvalFigures.class);
        assertThat(figures.modes()).extracting(EvalFigures.Mode::mode)
                .containsExactly("bm25", "dense", "hybrid", "hybrid+rerank", "default");
        assertThat(figures.modes()).allSatisfy(m -> {
            assertThat(m.ndcgAt10()).isEqualTo(1.0);
            assertThat(m.percentilesMs()).hasSize(100);
        });
        assertThat(figures.notes().get(0)).startsWith("index built: 6 documents: 6 indexed");
    }

    @Test
    void should_index_again_when_the_index_behind_a_complete_marker_was_lost() throws Exception {
        // given: a complete evaluation index, whose index files are then lost (as on a wiped Elasticsearch node)
        Path beir = copyTinyDataset(temp.resolve("beir"));
        String dataDir = "--caravan.data-dir=" + temp.resolve("data");
        assertThat(eval(beir.toString(), "--mode", "hybrid", dataDir).exitCode).isZero();
        Path indexDir;
        try (Stream<Path> dirs = Files.list(temp.resolve("data").resolve("eval"))) {
            indexDir = dirs.findFirst().orElseThrow().resolve("index");
        }
        deleteRecursively(indexDir);

        // when
        Result again = eval(beir.toString(), "--mode", "hybrid", dataDir);

        // then: not "reused" with an empty index, nor skipped by the ledger as unchanged
        assertThat(again.exitCode).as(again.out + again.err).isZero();
        assertThat(again.err).contains("indexing every record again");
        assertThat(again.out).contains("index built: 6 documents: 6 indexed");
        assertThat(again.row("hybrid")[1]).isEqualTo("1.0000");
    }

    @Test
    void should_refuse_a_folder_that_is_not_beir() {
        // when
        Result result = eval(temp.toString(), "--caravan.data-dir=" + temp.resolve("data"));

        // then
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("not a BEIR folder").contains("corpus.jsonl");
    }

    private static Result eval(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Caravan.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("eval"), Arrays.stream(args)).toArray(String[]::new);
        int exitCode = cli.execute(all);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path copyTinyDataset(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(EvalCommandIT.class.getResource("/beir/tiny/corpus.jsonl").toURI()).getParent();
        Files.createDirectories(target.resolve("qrels"));
        for (String file : List.of("corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "qrels/train.tsv")) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        return target;
    }

    private record Result(int exitCode, String out, String err) {

        /** The table row of a mode, split on blanks. */
        String[] row(String mode) {
            return out.lines().filter(l -> l.startsWith(mode + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + mode + " in:\n" + out))
                    .trim().split("\\s+");
        }
    }
}
