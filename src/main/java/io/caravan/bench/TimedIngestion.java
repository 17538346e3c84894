package io.caravan.bench;

import io.caravan.batch.BatchIngestion;
import io.caravan.batch.BatchProgress;
import io.caravan.batch.IngestTally;
import io.caravan.config.CaravanSettings;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingestion end to end, timed: files through {@code direct:ingest-file} exactly as {@code caravan ingest} sends them,
 * with the configured concurrency, adding up wall time, CPU time by thread group, outcomes and step times over the
 * slices it is given. Its workers live as long as it does, so their CPU time is still readable when a slice ends.
 * Not thread safe: one thread drives it.
 */
final class TimedIngestion implements AutoCloseable {

    private final BatchIngestion batch;
    private final CpuShares cpu = new CpuShares(BenchThreads::groupOf);
    private int documents;

    TimedIngestion(CamelContext context) {
        // no progress output: the figures are printed at the end, and a progress thread would add CPU time
        this.batch = new BatchIngestion(context, CaravanSettings.of(context).ingest().concurrency(),
                BenchThreads.INGEST_WORKER, BatchProgress.none());
    }

    /** Ingests the files (named by their path relative to {@code share}); returns the wall time it took. */
    long ingest(Path share, List<Path> files) throws InterruptedException {
        long before = batch.elapsedNanos();
        cpu.start();
        batch.ingestFiles(share, files);
        cpu.stop();
        documents += files.size();
        return batch.elapsedNanos() - before;
    }

    IngestTally tally() {
        return batch.tally();
    }

    CpuShares cpu() {
        return cpu;
    }

    long elapsedNanos() {
        return batch.elapsedNanos();
    }

    /** The section of the ingestion figures, and where its CPU time went. */
    void report(BenchReport report) {
        IngestTally tally = batch.tally();
        double seconds = batch.elapsedNanos() / 1e9;
        int concurrency = batch.concurrency();
        report.section("Ingestion end to end (direct:ingest-file, " + concurrency + " documents at a time)")
                .count("documents", "documents", documents)
                .count("indexed", "indexed", tally.indexed())
                .count("unchanged", "unchanged", tally.unchanged())
                .count("failed", "failed", tally.failures().size())
                .count("chunks", "chunks", tally.chunks())
                .figure("ingestion time", "ingestSeconds", seconds, "s")
                .figure("documents/s", "ingestDocsPerSec", documents / seconds, "docs/s")
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
        BenchThreads.report("CPU time of the ingestion slices by thread", cpu, "ingestCpu", report);
    }

    @Override
    public void close() {
        batch.close();
    }
}
