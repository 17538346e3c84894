package io.caravan.cli;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.caravan.CaravanRuntime;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.bench.BeirCorpus;
import io.caravan.bench.BenchReport;
import io.caravan.bench.CpuShares;
import io.caravan.cli.batch.IngestTally;
import io.caravan.bench.JitQuiet;
import io.caravan.bench.LatencyStats;
import io.caravan.bench.ResidentMemory;
import io.caravan.channel.Callers;
import io.caravan.config.ElasticsearchIndices;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;
import io.caravan.ingest.DocumentChunker;
import io.caravan.ingest.DocumentParser;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.TextChunk;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code caravan bench}: ingestion throughput next to the bare embedding model's on the same chunk texts, and
 * {@code direct:ask} latency next to the bare index search on the same questions, all in one process (DESIGN §8).
 */
@Command(name = "bench", description = "Measure ingestion and query speed, each next to its bare baseline "
        + "(embedding model, index search) in the same run; the last output line is JSON.")
public class BenchCommand implements Callable<Integer> {

    private static final String RELATIVE_PATH = "CaravanRelativePath";

    @Option(names = "--corpus", paramLabel = "FILE", defaultValue = "../shared/eval-data/scifact/beir/corpus.jsonl",
            description = "BEIR corpus.jsonl (default: ${DEFAULT-VALUE})")
    Path corpus;

    @Option(names = "--queries", paramLabel = "FILE", description = "BEIR queries.jsonl (default: beside the corpus)")
    Path queries;

    @Option(names = "--docs", paramLabel = "N", description = "documents to ingest (default: all)")
    Integer docs;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "200",
            description = "timed questions, the first N of queries.jsonl, cycling (default: ${DEFAULT-VALUE})")
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
        Path queriesFile = queries != null ? queries : corpus.resolveSibling("queries.jsonl");
        for (Path file : List.of(corpus, queriesFile)) {
            if (!Files.isRegularFile(file)) {
                System.err.println("caravan bench: " + file.toAbsolutePath().normalize() + " does not exist");
                return 2;
            }
        }
        if (questions < 1 || rounds < 1 || warmup < 0 || warmupDocs < 0 || (docs != null && docs < 1)) {
            System.err.println("caravan bench: --docs, --questions and --rounds must be at least 1, --warmup and "
                    + "--warmup-docs at least 0");
            return 2;
        }
        List<BeirCorpus.Document> documents = BeirCorpus.readDocuments(corpus, docs == null ? Integer.MAX_VALUE : docs);
        List<BeirCorpus.Query> queryList = BeirCorpus.readQueries(queriesFile, questions + warmup);
        if (documents.isEmpty() || queryList.isEmpty()) {
            System.err.println("caravan bench: no documents or no queries to measure");
            return 2;
        }
        Path work = Files.createTempDirectory("caravan-bench-");
        try {
            Path share = work.resolve("docs");
            List<Path> files = writeFiles(documents, share);
            List<Path> warmupFiles = writeFiles(documents.subList(0, Math.min(warmupDocs, documents.size())),
                    share.resolve("warmup"));
            Map<String, String> settings = new LinkedHashMap<>(ConfigOverrides.parse(config));
            settings.putIfAbsent("caravan.data-dir", work.resolve("data").toString());
            settings.put("caravan.sources.file.path", share.toString());
            // on Elasticsearch, an alias of this run's own (deleted at the end), never the production one
            Map<String, String> resolved = CaravanRuntime.resolve(settings, List.of("caravan.store",
                    "caravan.elasticsearch.index"));
            boolean elasticsearch = "elasticsearch".equals(resolved.get("caravan.store"));
            String benchAlias = resolved.get("caravan.elasticsearch.index") + "-bench-" + ProcessHandle.current().pid()
                    + "-" + Long.toHexString(System.nanoTime());
            settings.put("caravan.elasticsearch.index", benchAlias);
            BenchReport report = new BenchReport();
            report.note("corpus", corpus.toAbsolutePath().normalize().toString())
                    .note("data dir", settings.get("caravan.data-dir"));
            boolean allIndexed;
            try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
                try {
                    allIndexed = measure(runtime.context(), share, files, warmupFiles, queryList, report);
                } finally {
                    if (elasticsearch) {
                        report.note("elasticsearch alias", benchAlias + " (deleted: "
                                + ElasticsearchIndices.deleteAlias(runtime.context(), benchAlias) + ")");
                    }
                }
            }
            report.print(System.out);
            return allIndexed ? 0 : 1;
        } finally {
            deleteRecursively(work);
        }
    }

    private boolean measure(CamelContext context, Path share, List<Path> files, List<Path> warmupFiles,
                            List<BeirCorpus.Query> queryList, BenchReport report) throws Exception {
        EmbeddingModelSpec spec = context.getRegistry().lookupByNameAndType("embeddingModelSpec",
                EmbeddingModelSpec.class);
        report.note("embedding model", spec.name())
                .note("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        // the model's first inferences are slow; warm it so both sides of the ratio measure a warm model
        spec.model().embedAll(List.of(TextSegment.from("warm up"), TextSegment.from("the embedding model")));
        // and the pipeline's code is JIT-compiled by a first, untimed ingestion of other files
        int concurrency = Integer.parseInt(context.resolvePropertyPlaceholders("{{caravan.ingest.concurrency}}"));
        try (Ingestion warmupRun = new Ingestion(warmupFiles.size(), concurrency)) {
            ingest(context, share, warmupFiles, warmupRun);
            report.note("warm-up", String.format(Locale.ROOT, "%d documents ingested first, untimed (%.1f s)",
                    warmupFiles.size(), warmupRun.elapsedNanos / 1e9));
        }
        // compiles the warm-up queued finish before the clock starts, not inside the first slice
        report.note("waited for the JIT to go quiet after the warm-up", String.format(Locale.ROOT, "%.1f s",
                JitQuiet.await(Duration.ofSeconds(60)).toMillis() / 1000.0));

        // ABAB: each slice is ingested, then its chunk texts are embedded bare, so a load change on this shared
        // machine (or late JIT work) falls on both sides of the ratio instead of on whichever phase ran first
        try (Ingestion ingestion = new Ingestion(files.size(), concurrency)) {
            return measureSlices(context, spec, share, files, ingestion, queryList, report);
        }
    }

    private boolean measureSlices(CamelContext context, EmbeddingModelSpec spec, Path share, List<Path> files,
                                  Ingestion ingestion, List<BeirCorpus.Query> queryList, BenchReport report)
            throws Exception {
        EmbedOnly embedOnly = new EmbedOnly(context, share, spec.model());
        List<Double> roundRatios = new ArrayList<>();
        int slices = Math.min(rounds, files.size());
        for (int r = 0; r < slices; r++) {
            List<Path> slice = files.subList(r * files.size() / slices, (r + 1) * files.size() / slices);
            long ingestNanos = ingestion.elapsedNanos;
            ingest(context, share, slice, ingestion);
            ingestNanos = ingestion.elapsedNanos - ingestNanos;
            long embedNanos = embedOnly.run(slice);
            roundRatios.add((double) embedNanos / ingestNanos);
        }
        ingestion.report(report);
        long rssKb = ResidentMemory.residentKb().orElse(-1);
        long heapBytes = ResidentMemory.heapUsedAfterGcBytes();
        embedOnly.report(files.size(), ingestion, roundRatios, report);

        report.section("Memory (after ingestion)")
                .figure("resident set size (VmRSS)", "rssMbAfterIngest", rssKb / 1024.0, "MB")
                .figure("JVM heap used after GC", "heapMbAfterIngestGc", heapBytes / (1024.0 * 1024.0), "MB");

        query(context, spec, queryList, report);
        return ingestion.tally.failures().isEmpty();
    }

    // 1. Ingestion end to end: what IngestCommand does, same route, same concurrency; adds to the totals.
    private static void ingest(CamelContext context, Path share, List<Path> files, Ingestion ingestion)
            throws InterruptedException, ExecutionException {
        ProducerTemplate template = context.createProducerTemplate();
        List<Future<?>> sent = new ArrayList<>(files.size());
        ingestion.cpu.start();
        long start = System.nanoTime();
        for (Path file : files) {
            String relative = share.relativize(file).toString();
            sent.add(ingestion.workers.submit(() -> ingestion.tally.record(relative,
                    template.send("direct:ingest-file", e -> {
                        e.getMessage().setBody(file.toFile());
                        e.getMessage().setHeader(RELATIVE_PATH, relative);
                    }))));
        }
        for (Future<?> document : sent) {
            document.get();
        }
        ingestion.elapsedNanos += System.nanoTime() - start;
        ingestion.cpu.stop();
    }

    // 2. The bare model on the very chunk texts the pipeline embedded; embedAll runs one text per core in parallel.
    private static final class EmbedOnly {
        private final Path share;
        private final EmbeddingModel model;
        private final FileSourceReader reader;
        private final DocumentParser parser;
        private final DocumentChunker chunker;
        long elapsedNanos;
        final CpuShares cpu = new CpuShares(BenchCommand::threadGroup);
        long parseNanos;
        int chunks;
        long tokens;

        EmbedOnly(CamelContext context, Path share, EmbeddingModel model) {
            this.share = share;
            this.model = model;
            this.reader = context.getRegistry().lookupByNameAndType("fileSourceReader", FileSourceReader.class);
            this.parser = context.getRegistry().lookupByNameAndType("documentParser", DocumentParser.class);
            this.chunker = context.getRegistry().lookupByNameAndType("documentChunker", DocumentChunker.class);
        }

        /** Embeds the files' chunk texts (read, parsed and chunked first, untimed); returns the embedding time. */
        long run(List<Path> files) {
            List<TextSegment> segments = new ArrayList<>();
            long parseStart = System.nanoTime();
            for (Path file : files) {
                for (TextChunk chunk : chunker.chunk(parser.parse(reader.read(file.toFile(),
                        share.relativize(file).toString())))) {
                    segments.add(TextSegment.from(chunk.text()));
                    tokens += chunk.tokenCount();
                }
            }
            parseNanos += System.nanoTime() - parseStart;

            cpu.start();
            long start = System.nanoTime();
            chunks += model.embedAll(segments).content().size();
            long nanos = System.nanoTime() - start;
            elapsedNanos += nanos;
            cpu.stop();
            return nanos;
        }

        void report(int documents, Ingestion ingestion, List<Double> roundRatios, BenchReport report) {
            double seconds = elapsedNanos / 1e9;
            report.section("Bare embedding model (embedAll over all chunk texts, one text per core in parallel)")
                    .count("chunks re-chunked from the same files", "embedOnlyChunks", chunks)
                    .figure("mean tokens per chunk", "meanTokensPerChunk", (double) tokens / Math.max(1, chunks), "")
                    .figure("embedding time", "embedOnlySeconds", seconds, "s")
                    .figure("documents/s", "embedOnlyDocsPerSec", documents / seconds, "docs/s")
                    .figure("process CPU time", "embedOnlyCpuSeconds", cpu.processNanos() / 1e9, "s")
                    .figure("chunks/s", "embedOnlyChunksPerSec", chunks / seconds, "chunks/s")
                    .figure("read+parse+chunk alone, 1 thread (untimed side)", "parseChunkDocsPerSec",
                            documents / (parseNanos / 1e9), "docs/s");
            double ingestDocsPerSec = (double) report.value("ingestDocsPerSec");
            List<Double> sorted = roundRatios.stream().sorted().toList();
            report.section("Ingestion vs bare embedding (" + roundRatios.size() + " rounds, each slice ingested "
                            + "then embedded bare)")
                    .figure("ingestRatio = ingestDocsPerSec / embedOnlyDocsPerSec", "ingestRatio",
                            ingestDocsPerSec / (documents / seconds), "")
                    .figure("  lowest round", "ingestRatioMin", sorted.get(0), "")
                    .figure("  median round", "ingestRatioMedian", sorted.get(sorted.size() / 2), "")
                    .figure("  highest round", "ingestRatioMax", sorted.get(sorted.size() - 1), "")
                    // CPU seconds hardly depend on what else the machine runs, wall time does
                    .figure("cpuRatio = embedOnly CPU s / ingestion CPU s (less sensitive to a busy machine)",
                            "cpuRatio", (cpu.processNanos() / 1e9) / ((double) report.value("ingestCpuSeconds")), "");
            reportCpuShares("CPU time of the bare embedding slices by thread", cpu, "embedOnlyCpu", report);
            if (chunks != ingestion.tally.chunks()) {
                report.note("WARNING", "the pipeline indexed " + ingestion.tally.chunks() + " chunks, re-chunking "
                        + "gave " + chunks);
            }
        }
    }

    // 3. direct:ask end to end next to the bare hybrid index query: the query's embedding (a hybrid index cannot be
    //    queried without it) and HybridIndex.search; the search alone is reported too.
    private void query(CamelContext context, EmbeddingModelSpec spec, List<BeirCorpus.Query> queryList,
                       BenchReport report) {
        // the timed series are the first N queries (cycling); warm-up uses the ones after them
        List<String> timed = new ArrayList<>();
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < questions + warmup; i++) {
            (i < questions ? timed : warm).add(queryList.get(i % queryList.size()).text());
        }
        ProducerTemplate template = context.createProducerTemplate();
        HybridIndex index = context.getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
        SearchMode mode = SearchMode.valueOf(context.resolvePropertyPlaceholders("{{caravan.retrieval.mode}}")
                .toUpperCase(Locale.ROOT));
        // the limit HybridRetriever asks for with the default top-k
        int limit = Math.max(Integer.parseInt(context.resolvePropertyPlaceholders("{{caravan.retrieval.candidates}}")),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{caravan.retrieval.top-k}}")));
        for (String text : warm) {
            template.requestBody("direct:ask", question(text), Answer.class);
            index.search(searchRequest(text, embedQuery(spec, text), mode, limit));
        }
        long[] askNanos = new long[timed.size()];
        long[] queryNanos = new long[timed.size()];
        long[] searchNanos = new long[timed.size()];
        long[] embedNanos = new long[timed.size()];
        int cached = 0;
        // each question through the pipeline, then bare, alternately: both series see the same machine
        for (int i = 0; i < timed.size(); i++) {
            Question question = question(timed.get(i));
            long askStart = System.nanoTime();
            Answer answer = template.requestBody("direct:ask", question, Answer.class);
            askNanos[i] = System.nanoTime() - askStart;
            cached += answer.cached() ? 1 : 0;

            long embedStart = System.nanoTime();
            float[] vector = embedQuery(spec, timed.get(i));
            SearchRequest request = searchRequest(timed.get(i), vector, mode, limit);
            long start = System.nanoTime();
            index.search(request);
            long end = System.nanoTime();
            embedNanos[i] = start - embedStart;
            searchNanos[i] = end - start;
            queryNanos[i] = end - embedStart;
        }

        LatencyStats ask = LatencyStats.ofNanos(askNanos);
        LatencyStats indexOnly = LatencyStats.ofNanos(queryNanos);
        LatencyStats search = LatencyStats.ofNanos(searchNanos);
        LatencyStats embed = LatencyStats.ofNanos(embedNanos);
        report.section("Query latency, 1 caller, " + warmup + " warm-up questions first")
                .count("questions", "questions", timed.size())
                .note("retrieval", mode + ", limit " + limit + ", extractive answer")
                .figure("ask p50 (direct:ask, query embedding included)", "askP50Ms", ask.percentileMs(50), "ms")
                .figure("ask p99", "askP99Ms", ask.percentileMs(99), "ms")
                .figure("ask mean", "askMeanMs", ask.meanMs(), "ms")
                .count("ask answers served from a cache", "askCachedAnswers", cached)
                .figure("indexOnly p50 (bare hybrid query: model.embed + hybridIndex.search)", "indexOnlyP50Ms",
                        indexOnly.percentileMs(50), "ms")
                .figure("indexOnly p99", "indexOnlyP99Ms", indexOnly.percentileMs(99), "ms")
                .figure("indexOnly mean", "indexOnlyMeanMs", indexOnly.meanMs(), "ms")
                .figure("  of which hybridIndex.search p50 (vector precomputed)", "indexSearchP50Ms",
                        search.percentileMs(50), "ms")
                .figure("  of which query embedding p50 (model.embed)", "queryEmbedP50Ms", embed.percentileMs(50),
                        "ms")
                .figure("queryRatio = askP50 / indexOnlyP50", "queryRatio",
                        ask.percentileMs(50) / indexOnly.percentileMs(50), "");
    }

    private static Question question(String text) {
        return new Question(UUID.randomUUID().toString(), text, null, null, null, Set.of(Callers.PUBLIC), "cli");
    }

    private static float[] embedQuery(EmbeddingModelSpec spec, String text) {
        return spec.model().embed(spec.queryText(text)).content().vector();
    }

    private static SearchRequest searchRequest(String text, float[] vector, SearchMode mode, int limit) {
        return new SearchRequest(text, vector, mode, limit, Set.of(Callers.PUBLIC), Map.of());
    }

    /** Writes each record as {@code <_id>.txt}: the title, a blank line, the text. */
    private static List<Path> writeFiles(List<BeirCorpus.Document> documents, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>(documents.size());
        for (BeirCorpus.Document document : documents) {
            // ids are file names here: keep them from leaving the folder or hiding the file
            String name = document.id().replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_") + ".txt";
            files.add(Files.writeString(folder.resolve(name), document.fileText(), StandardCharsets.UTF_8));
        }
        return files;
    }

    private static final String WORKER_THREAD = "caravan-bench-ingest-";
    private static final String EMBEDDING = "embedding (caravan-embed pool: tokenizer + ONNX)";
    private static final String BARE_EMBEDDING = "bare embedAll threads (tokenizer + ONNX)";

    /** The group a thread's CPU time is counted under, from the name its pool gives it. */
    static String threadGroup(String thread) {
        if (thread.contains("caravan-embed")) {
            return EMBEDDING;
        } else if (thread.startsWith(WORKER_THREAD)) {
            return "ingest workers (read, ledger, chunk, index write, routing)";
        } else if (thread.startsWith("caravan-parse")) {
            return "parsing (Tika, caravan-parse)";
        } else if (thread.startsWith("Lucene Merge") || thread.startsWith("caravan-lucene")) {
            return "Lucene merges, refresh and commit";
        } else if (thread.startsWith("H2-") || thread.startsWith("MVStore")) {
            return "ledger background (MVStore)";
        } else if (thread.startsWith("pool-") || thread.startsWith("ForkJoinPool")) {
            return BARE_EMBEDDING;
        }
        return "other Java threads";
    }

    /** One row per thread group (CPU seconds and share), plus the JIT's compile time, under {@code key}*. */
    static void reportCpuShares(String title, CpuShares cpu, String key, BenchReport report) {
        if (!cpu.supported() || cpu.processNanos() <= 0) {
            return;
        }
        report.section(title);
        for (Map.Entry<String, Long> group : cpu.byGroup()) {
            if (group.getValue() * 1000 < cpu.processNanos()) {
                continue; // under 0.1 %: idle in these intervals
            }
            report.note("  " + group.getKey(), String.format(Locale.ROOT, "%,.1f s, %.1f%%",
                    group.getValue() / 1e9, 100.0 * group.getValue() / cpu.processNanos()));
        }
        report.figure("JIT compile time in these intervals (wall, from CompilationMXBean)", key + "JitSeconds",
                cpu.compileMillis() / 1000.0, "s");
        cpu.byGroup().stream().filter(g -> g.getKey().equals(EMBEDDING) || g.getKey().equals(BARE_EMBEDDING))
                .filter(g -> g.getValue() > 0).findFirst().ifPresent(g ->
                report.figure("share of this CPU time spent embedding", key + "EmbeddingShare",
                        (double) g.getValue() / cpu.processNanos(), ""));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Counts, stage times and CPU shares of the ingestion run; its workers live as long as it does. */
    private static final class Ingestion implements AutoCloseable {
        final int total;
        final int concurrency;
        final ExecutorService workers;
        final CpuShares cpu = new CpuShares(BenchCommand::threadGroup);
        long elapsedNanos;
        final IngestTally tally = new IngestTally();

        Ingestion(int total, int concurrency) {
            this.total = total;
            this.concurrency = concurrency;
            // named, and kept across slices, so their CPU time is still readable when a slice ends
            AtomicInteger number = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(concurrency,
                    task -> new Thread(task, WORKER_THREAD + number.incrementAndGet()));
        }

        @Override
        public void close() {
            workers.shutdownNow();
        }

        void report(BenchReport report) {
            double seconds = elapsedNanos / 1e9;
            report.section("Ingestion end to end (direct:ingest-file, " + concurrency + " documents at a time)")
                    .count("documents", "documents", total)
                    .count("indexed", "indexed", tally.indexed())
                    .count("unchanged", "unchanged", tally.unchanged())
                    .count("failed", "failed", tally.failures().size())
                    .count("chunks", "chunks", tally.chunks())
                    .figure("ingestion time", "ingestSeconds", seconds, "s")
                    .figure("documents/s", "ingestDocsPerSec", total / seconds, "docs/s")
                    .figure("process CPU time", "ingestCpuSeconds", cpu.processNanos() / 1e9, "s")
                    .figure("chunks/s", "ingestChunksPerSec", tally.chunks() / seconds, "chunks/s");
            // step times are wall-clock per document, summed; divided by the concurrency they compare to the run
            Map<String, Long> stepMillis = tally.stepMillis();
            long summed = stepMillis.values().stream().mapToLong(Long::longValue).sum();
            for (String step : List.of("parse", "chunk", "embed", "index")) {
                long ms = stepMillis.getOrDefault(step, 0L);
                report.note("step " + step + " (sum over documents)", String.format(Locale.ROOT,
                        "%,.1f s, %.0f%% of step time", ms / 1000.0, summed == 0 ? 0.0 : 100.0 * ms / summed));
            }
            report.note("outside steps (read, ledger, routing), est.", String.format(Locale.ROOT, "%,.1f s",
                    Math.max(0, seconds * concurrency - summed / 1000.0)));
            tally.failures().entrySet().stream().limit(5)
                    .forEach(f -> report.note("failed", f.getKey() + ": " + f.getValue()));
            reportCpuShares("CPU time of the ingestion slices by thread", cpu, "ingestCpu", report);
        }
    }
}
