package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.bench.BenchCorpus;
import io.caravan.bench.BenchReport;
import io.caravan.bench.GeneratedCorpus;
import io.caravan.bench.IngestionBench;
import io.caravan.bench.IngestionRun;
import io.caravan.bench.QueryBench;
import io.caravan.bench.ScalePoint;
import io.caravan.bench.SyntheticScaleBench;
import io.caravan.config.ElasticsearchIndices;
import io.caravan.config.StoreSettings;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.report.BenchFigures;
import io.caravan.report.BenchReportWriter;
import io.caravan.report.HtmlReport;
import io.caravan.report.ReportFile;
import io.caravan.report.ScaleFigures;
import io.caravan.report.ScaleReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.util.IOUtils;

/**
 * {@code caravan bench}: ingestion throughput next to the bare embedding model's on the same chunk texts, and
 * {@code direct:ask} latency next to the bare index search on the same questions, all in one process, over a
 * generated corpus or a BEIR one (docs/benchmarks.md#ingestion-and-query-speed). The measuring is done by
 * {@link IngestionBench} and {@link QueryBench}. With {@code --synthetic-chunks}, instead, how the index alone
 * grows: search latency, memory and disk at a scale of made-up chunks ({@link SyntheticScaleBench},
 * docs/benchmarks.md#synthetic-scale).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure ingestion and query speed, each next to its bare baseline "
        + "(embedding model, index search) in the same run; the last output line is JSON.")
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "FILE", description = "BEIR corpus.jsonl, e.g. SciFact's (default: "
            + "a generated corpus of abstract-like documents, the same on every machine)")
    Path corpus;

    @Option(names = "--queries", paramLabel = "FILE", description = "BEIR queries.jsonl (default: beside the corpus)")
    Path queries;

    @Option(names = "--docs", paramLabel = "N", description = "documents to ingest (default: all of --corpus, "
            + GeneratedCorpus.DEFAULT_DOCUMENTS + " generated ones without it)")
    Integer docs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GeneratedCorpus.DEFAULT_SEED,
            description = "seed of the generated corpus (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "200",
            description = "timed questions, the first N of the queries, cycling (default: ${DEFAULT-VALUE})")
    int questions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
            description = "untimed questions before each timed series (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-docs", paramLabel = "N", defaultValue = "2000",
            description = "untimed documents ingested first (copies of the first N, under warmup/), so the timed "
                    + "run measures the JIT-compiled pipeline as a running server has it (default: ${DEFAULT-VALUE})")
    int warmupDocs;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "8",
            description = "the documents are measured in N slices, each ingested and then embedded bare, so both "
                    + "sides of the ratio see the same drift in machine load and JIT (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--synthetic-chunks", paramLabel = "N", description = "instead: write N generated chunks "
            + "with random vectors straight into the index (no embedding) and measure search p50/p99 per mode, heap, "
            + "resident memory and index bytes per 1,000 chunks")
    Integer syntheticChunks;

    @Option(names = "--synthetic-steps", paramLabel = "N,N,...", split = ",", description = "with --synthetic-chunks: "
            + "also measure when the index holds each of these chunk counts (the growth curve)")
    List<Integer> syntheticSteps = new ArrayList<>();

    @Option(names = "--synthetic-batch", paramLabel = "N", defaultValue = "1",
            description = "with --synthetic-chunks: documents (of one chunk) per upsertAll call of each writer; 1 "
                    + "writes as ingestion does, more make a bulk load (default: ${DEFAULT-VALUE})")
    int syntheticBatch;

    @Option(names = "--synthetic-queries", paramLabel = "N", defaultValue = "300",
            description = "with --synthetic-chunks: timed searches per mode at each step (default: ${DEFAULT-VALUE})")
    int syntheticQueries;

    @Option(names = "--synthetic-warmup", paramLabel = "N", defaultValue = "100",
            description = "with --synthetic-chunks: untimed searches per mode before them (default: ${DEFAULT-VALUE})")
    int syntheticWarmup;

    @Option(names = "--report", paramLabel = "FILE", description = "also write what is printed as a self-contained "
            + "HTML file with charts (slices, latency distributions, CPU; or the growth curve with "
            + "--synthetic-chunks; docs/benchmarks.md#reports)")
    Path reportFile;

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (reportFile != null) {
            try {
                // before the run, which can take an hour, rather than after it
                ReportFile.check(reportFile);
            } catch (IllegalArgumentException e) {
                System.err.println("caravan bench: " + e.getMessage());
                return 2;
            }
        }
        if (syntheticChunks != null) {
            return callSynthetic();
        }
        if (questions < 1 || rounds < 1 || warmup < 0 || warmupDocs < 0 || (docs != null && docs < 1)) {
            System.err.println("caravan bench: --docs, --questions and --rounds must be at least 1, --warmup and "
                    + "--warmup-docs at least 0");
            return 2;
        }
        BenchCorpus measured;
        if (corpus == null) {
            measured = BenchCorpus.generate(docs == null ? GeneratedCorpus.DEFAULT_DOCUMENTS : docs,
                    questions + warmup, seed);
        } else {
            Path queriesFile = queries != null ? queries : corpus.resolveSibling("queries.jsonl");
            for (Path file : List.of(corpus, queriesFile)) {
                if (!Files.isRegularFile(file)) {
                    System.err.println("caravan bench: " + file.toAbsolutePath().normalize() + " does not exist");
                    return 2;
                }
            }
            measured = BenchCorpus.read(corpus, queriesFile, docs == null ? Integer.MAX_VALUE : docs,
                    questions + warmup);
        }
        if (measured.documents().isEmpty() || measured.queries().isEmpty()) {
            System.err.println("caravan bench: no documents or no queries to measure");
            return 2;
        }
        // before resolving the settings, which starts a context that would set the log level first
        OfflineRuntime.quietLogs();
        Path work = Files.createTempDirectory("caravan-bench-");
        try {
            return run(measured, work);
        } finally {
            IOUtils.rm(work);
        }
    }

    private int callSynthetic() throws Exception {
        List<Integer> steps = syntheticSteps(syntheticChunks, syntheticSteps);
        if (steps.isEmpty() || syntheticQueries < 1 || syntheticBatch < 1 || syntheticWarmup < 0) {
            System.err.println("caravan bench: --synthetic-chunks, --synthetic-batch and --synthetic-queries must be "
                    + "at least 1, "
                    + "--synthetic-steps ascending counts up to --synthetic-chunks, --synthetic-warmup at least 0");
            return 2;
        }
        OfflineRuntime.quietLogs();
        Path work = Files.createTempDirectory("caravan-bench-");
        try {
            Setup setup = setup(work, work.resolve("docs"));
            BenchReport report = new BenchReport();
            report.note("data dir", setup.keys().get("caravan.data-dir"))
                    .note("store", setup.elasticsearch() ? "elasticsearch, alias " + setup.alias() : "lucene");
            List<ScalePoint> points;
            try (CaravanRuntime runtime = OfflineRuntime.start(setup.keys())) {
                try {
                    EmbeddingModelSpec spec = runtime.context().getRegistry()
                            .lookupByNameAndType("embeddingModelSpec", EmbeddingModelSpec.class);
                    points = new SyntheticScaleBench(runtime.context(), spec, seed, syntheticBatch, System.err)
                            .measure(steps, syntheticQueries, syntheticWarmup, report);
                } finally {
                    setup.deleteAlias(runtime, report);
                }
            }
            report.print(System.out);
            boolean reported = reportFile == null || writeReport(ScaleReportWriter.report(
                    ScaleFigures.of(points, report), SyntheticScaleBench.growthTable(points), report.text()));
            return reported ? 0 : 1;
        } finally {
            IOUtils.rm(work);
        }
    }

    /** The chunk counts to measure at: the steps below {@code chunks} in order, then {@code chunks}; empty if wrong. */
    static List<Integer> syntheticSteps(int chunks, List<Integer> steps) {
        List<Integer> all = new ArrayList<>(steps);
        if (all.isEmpty() || all.get(all.size() - 1) != chunks) {
            all.add(chunks);
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) < 1 || (i > 0 && all.get(i) <= all.get(i - 1))) {
                return List.of();
            }
        }
        return all;
    }

    /**
     * The configuration of a bench run under {@code work}: the command line's keys, and on Elasticsearch an alias
     * of this run's own (deleted at the end), never the production one.
     */
    private Setup setup(Path work, Path share) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(ConfigOverrides.parse(config));
        settings.putIfAbsent("caravan.data-dir", work.resolve("data").toString());
        settings.put("caravan.sources.file.path", share.toString());
        StoreSettings store = CaravanRuntime.settings(settings).store();
        String alias = store.elasticsearchIndex() + "-bench-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime());
        settings.put("caravan.elasticsearch.index", alias);
        return new Setup(settings, store.kind().equals("elasticsearch"), alias);
    }

    /**
     * The keys a bench run starts with, whether they name Elasticsearch and the run's own alias there.
     */
    private record Setup(Map<String, String> keys, boolean elasticsearch, String alias) {

        /** On Elasticsearch, deletes the run's alias and its indices, noting it in {@code report}. */
        void deleteAlias(CaravanRuntime runtime, BenchReport report) throws IOException {
            if (elasticsearch) {
                report.note("elasticsearch alias", alias + " (deleted: "
                        + ElasticsearchIndices.deleteAlias(runtime.context(), alias) + ")");
            }
        }
    }

    private int run(BenchCorpus measured, Path work) throws Exception {
        Path share = work.resolve("docs");
        List<Path> files = measured.writeFiles(Integer.MAX_VALUE, share);
        List<Path> warmupFiles = measured.writeFiles(warmupDocs, share.resolve("warmup"));
        Setup setup = setup(work, share);
        BenchReport report = new BenchReport();
        report.note("corpus", measured.source()).note("data dir", setup.keys().get("caravan.data-dir"));
        IngestionRun ingestion;
        QueryBench.QueryRun queries;
        try (CaravanRuntime runtime = OfflineRuntime.start(setup.keys())) {
            try {
                EmbeddingModelSpec spec = runtime.context().getRegistry().lookupByNameAndType("embeddingModelSpec",
                        EmbeddingModelSpec.class);
                ingestion = new IngestionBench(runtime.context(), spec, share, rounds)
                        .measure(warmupFiles, files, report);
                queries = new QueryBench(runtime.context(), spec).measure(measured.queries(), questions, warmup,
                        report);
            } finally {
                setup.deleteAlias(runtime, report);
            }
        }
        report.print(System.out);
        boolean reported = reportFile == null || writeReport(BenchReportWriter.report(
                BenchFigures.of(ingestion, queries, report), report.text()));
        return ingestion.allIndexed() && reported ? 0 : 1;
    }

    /** Writes the HTML report, saying where on standard error: standard output ends with the JSON line. */
    private boolean writeReport(HtmlReport html) {
        try {
            html.write(reportFile);
            System.err.println("report: " + reportFile.toAbsolutePath().normalize());
            return true;
        } catch (IOException e) {
            System.err.println("caravan bench: " + e.getMessage());
            return false;
        }
    }
}
