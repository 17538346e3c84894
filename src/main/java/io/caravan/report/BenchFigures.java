package io.caravan.report;

import io.caravan.bench.BenchReport;
import io.caravan.bench.IngestionRun;
import io.caravan.bench.QueryBench;

import java.util.List;

/**
 * What {@code bench} measured (ingestion and query speed), for its report: each slice on both sides, the two latency
 * distributions, where the CPU time went, and the figures of the JSON line.
 *
 * @param slices                 the alternating slices, in the order they ran
 * @param askPercentilesMs       {@code direct:ask}: percentiles 1 to 100 of the time per question, ms
 * @param indexOnlyPercentilesMs the bare hybrid query: percentiles 1 to 100, ms
 * @param ingestionCpu           the ingestion slices' CPU seconds by thread group
 * @param bareCpu                the bare embedding slices' CPU seconds by thread group
 * @param figures                the figures of the JSON line, as printed
 */
public record BenchFigures(List<Slice> slices, List<Double> askPercentilesMs, List<Double> indexOnlyPercentilesMs,
                           List<CpuGroup> ingestionCpu, List<CpuGroup> bareCpu, List<BenchReport.Figure> figures) {

    public BenchFigures {
        slices = List.copyOf(slices);
        askPercentilesMs = List.copyOf(askPercentilesMs);
        indexOnlyPercentilesMs = List.copyOf(indexOnlyPercentilesMs);
        ingestionCpu = List.copyOf(ingestionCpu);
        bareCpu = List.copyOf(bareCpu);
        figures = List.copyOf(figures);
    }

    /** The figures of one run. */
    public static BenchFigures of(IngestionRun ingestion, QueryBench.QueryRun queries, BenchReport report) {
        return new BenchFigures(
                ingestion.slices().stream().map(s -> new Slice(s.documents(), s.ingestDocsPerSec(),
                        s.embedOnlyDocsPerSec(), s.ratio())).toList(),
                queries.ask().percentilesMs(), queries.indexOnly().percentilesMs(),
                cpu(ingestion.ingestionCpu()), cpu(ingestion.bareCpu()), report.figures());
    }

    private static List<CpuGroup> cpu(List<IngestionRun.CpuGroup> groups) {
        return groups.stream().map(g -> new CpuGroup(g.group(), g.nanos() / 1e9)).toList();
    }

    /**
     * One slice, ingested and then embedded bare.
     *
     * @param documents           documents in the slice
     * @param ingestDocsPerSec    the pipeline's rate
     * @param embedOnlyDocsPerSec the bare model's rate on the same chunk texts
     * @param ratio               ingestDocsPerSec / embedOnlyDocsPerSec
     */
    public record Slice(int documents, double ingestDocsPerSec, double embedOnlyDocsPerSec, double ratio) {
    }

    /**
     * A group of threads and its CPU time.
     *
     * @param group   the group, as {@code bench} prints it
     * @param seconds CPU seconds
     */
    public record CpuGroup(String group, double seconds) {
    }
}
