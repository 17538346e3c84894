package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.bench.BenchCorpus;
import io.caravan.bench.BenchReport;
import io.caravan.bench.GeneratedCorpus;
import io.caravan.bench.IngestionBench;
import io.caravan.bench.QueryBench;
import io.caravan.config.ElasticsearchIndices;
import io.caravan.config.StoreSettings;
import io.caravan.embed.EmbeddingModelSpec;
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
 * {@link IngestionBench} and {@link QueryBench}.
 */
@Command(name = "bench", description = "Measure ingestion and query speed, each next to its bare baseline "
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

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
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

    private int run(BenchCorpus measured, Path work) throws Exception {
        Path share = work.resolve("docs");
        List<Path> files = measured.writeFiles(Integer.MAX_VALUE, share);
        List<Path> warmupFiles = measured.writeFiles(warmupDocs, share.resolve("warmup"));
        Map<String, String> settings = new LinkedHashMap<>(ConfigOverrides.parse(config));
        settings.putIfAbsent("caravan.data-dir", work.resolve("data").toString());
        settings.put("caravan.sources.file.path", share.toString());
        // on Elasticsearch, an alias of this run's own (deleted at the end), never the production one
        StoreSettings store = CaravanRuntime.settings(settings).store();
        boolean elasticsearch = store.kind().equals("elasticsearch");
        String benchAlias = store.elasticsearchIndex() + "-bench-" + ProcessHandle.current().pid()
                + "-" + Long.toHexString(System.nanoTime());
        settings.put("caravan.elasticsearch.index", benchAlias);
        BenchReport report = new BenchReport();
        report.note("corpus", measured.source()).note("data dir", settings.get("caravan.data-dir"));
        boolean allIndexed;
        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            try {
                EmbeddingModelSpec spec = runtime.context().getRegistry().lookupByNameAndType("embeddingModelSpec",
                        EmbeddingModelSpec.class);
                allIndexed = new IngestionBench(runtime.context(), spec, share, rounds)
                        .measure(warmupFiles, files, report);
                new QueryBench(runtime.context(), spec).measure(measured.queries(), questions, warmup, report);
            } finally {
                if (elasticsearch) {
                    report.note("elasticsearch alias", benchAlias + " (deleted: "
                            + ElasticsearchIndices.deleteAlias(runtime.context(), benchAlias) + ")");
                }
            }
        }
        report.print(System.out);
        return allIndexed ? 0 : 1;
    }
}
