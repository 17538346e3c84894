package io.caravan.bench;

import dev.langchain4j.data.segment.TextSegment;
import io.caravan.embed.EmbeddingModelSpec;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingestion throughput next to the bare embedding model's on the same chunk texts, in one process: after an untimed
 * warm-up, the files are ingested and embedded bare in alternating slices, then the ratio, the CPU time of each side
 * by thread group and the memory after ingestion are reported. Not thread safe: one thread runs it.
 */
public final class IngestionBench {

    private final CamelContext context;
    private final EmbeddingModelSpec spec;
    private final Path share;
    private final int rounds;

    /** Measures files under {@code share} in {@code rounds} slices, through the running pipeline of {@code context}. */
    public IngestionBench(CamelContext context, EmbeddingModelSpec spec, Path share, int rounds) {
        this.context = context;
        this.spec = spec;
        this.share = share;
        this.rounds = rounds;
    }

    /** Ingests {@code warmupFiles} untimed, then measures {@code files}; returns the slices and CPU by group. */
    public IngestionRun measure(List<Path> warmupFiles, List<Path> files, BenchReport report) throws Exception {
        report.note("embedding model", spec.name())
                .note("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        warmUp(warmupFiles, report);
        // ABAB: each slice is ingested, then its chunk texts are embedded bare, so a load change on this shared
        // machine (or late JIT work) falls on both sides of the ratio instead of on whichever phase ran first
        try (TimedIngestion ingestion = new TimedIngestion(context)) {
            BareEmbedding bare = new BareEmbedding(context, share, spec.model());
            List<IngestionRun.Slice> timings = new ArrayList<>();
            int slices = Math.min(rounds, files.size());
            for (int r = 0; r < slices; r++) {
                List<Path> slice = files.subList(r * files.size() / slices, (r + 1) * files.size() / slices);
                long ingestNanos = ingestion.ingest(share, slice);
                long embedNanos = bare.embed(slice);
                timings.add(new IngestionRun.Slice(slice.size(), ingestNanos, embedNanos));
            }
            ingestion.report(report);
            long rssKb = ResidentMemory.residentKb().orElse(-1);
            long heapBytes = ResidentMemory.heapUsedAfterGcBytes();
            bare.report(files.size(), report);
            reportRatios(ingestion, bare, timings.stream().map(IngestionRun.Slice::ratio).toList(), report);
            report.section("Memory (after ingestion)")
                    .figure("resident set size (VmRSS)", "rssMbAfterIngest", rssKb / 1024.0, "MB")
                    .figure("JVM heap used after GC", "heapMbAfterIngestGc", heapBytes / (1024.0 * 1024.0), "MB");
            return new IngestionRun(ingestion.tally().failures().isEmpty(), timings,
                    IngestionRun.CpuGroup.of(ingestion.cpu()), IngestionRun.CpuGroup.of(bare.cpu()));
        }
    }

    private void warmUp(List<Path> warmupFiles, BenchReport report) throws InterruptedException {
        // the model's first inferences are slow; warm it so both sides of the ratio measure a warm model
        spec.model().embedAll(List.of(TextSegment.from("warm up"), TextSegment.from("the embedding model")));
        // and the pipeline's code is JIT-compiled by a first, untimed ingestion of other files
        try (TimedIngestion warmup = new TimedIngestion(context)) {
            warmup.ingest(share, warmupFiles);
            report.note("warm-up", String.format(Locale.ROOT, "%d documents ingested first, untimed (%.1f s)",
                    warmupFiles.size(), warmup.elapsedNanos() / 1e9));
        }
        // compiles the warm-up queued finish before the clock starts, not inside the first slice
        report.note("waited for the JIT to go quiet after the warm-up", String.format(Locale.ROOT, "%.1f s",
                JitQuiet.await(Duration.ofSeconds(60)).toMillis() / 1000.0));
    }

    private static void reportRatios(TimedIngestion ingestion, BareEmbedding bare, List<Double> roundRatios,
                                     BenchReport report) {
        List<Double> sorted = roundRatios.stream().sorted().toList();
        report.section("Ingestion vs bare embedding (" + roundRatios.size() + " rounds, each slice ingested "
                        + "then embedded bare)")
                .figure("ingestRatio = ingestDocsPerSec / embedOnlyDocsPerSec", "ingestRatio",
                        // the same documents on both sides: the ratio of the rates is that of the times
                        (double) bare.elapsedNanos() / ingestion.elapsedNanos(), "")
                .figure("  lowest round", "ingestRatioMin", sorted.get(0), "")
                .figure("  median round", "ingestRatioMedian", sorted.get(sorted.size() / 2), "")
                .figure("  highest round", "ingestRatioMax", sorted.get(sorted.size() - 1), "")
                // CPU seconds hardly depend on what else the machine runs, wall time does
                .figure("cpuRatio = embedOnly CPU s / ingestion CPU s (less sensitive to a busy machine)",
                        "cpuRatio", bare.cpu().processNanos() / (double) ingestion.cpu().processNanos(), "");
        BenchThreads.report("CPU time of the bare embedding slices by thread", bare.cpu(), "embedOnlyCpu", report);
        if (bare.chunks() != ingestion.tally().chunks()) {
            report.note("WARNING", "the pipeline indexed " + ingestion.tally().chunks() + " chunks, re-chunking "
                    + "gave " + bare.chunks());
        }
    }
}
