package io.caravan.report;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The HTML report of {@code eval}: retrieval quality per mode, query latency per mode and its distribution, and the
 * printed table (docs/benchmarks.md#reports).
 */
public final class EvalReportWriter {

    private EvalReportWriter() {
    }

    /** The report of {@code figures}. */
    public static HtmlReport report(EvalFigures figures) {
        List<EvalFigures.Mode> modes = figures.modes();
        List<String> labels = modes.stream().map(EvalFigures.Mode::mode).toList();
        HtmlReport report = new HtmlReport("caravan eval: " + figures.dataset() + ", split " + figures.split())
                .figures(figures);
        figures.notes().forEach(report::paragraph);

        report.heading("Retrieval quality per mode")
                .chart(Chart.bars("nDCG@10, Recall@100 and MRR@10 per mode").labels(labels)
                        .series("nDCG@10", modes.stream().map(EvalFigures.Mode::ndcgAt10).toList())
                        .series("Recall@100", modes.stream().map(EvalFigures.Mode::recallAt100).toList())
                        .series("MRR@10", modes.stream().map(EvalFigures.Mode::mrrAt10).toList())
                        .xTitle("mode").yTitle("score (mean over the queries)").yRange(0, 1))
                .table(new Table("The table eval prints", EvalFigures.HEADER,
                        modes.stream().map(m -> m.cells(figures.indexing())).toList()));

        report.heading("Query latency per mode")
                .chart(Chart.bars("Time per query: median (p50, as printed) and p99").labels(labels)
                        .series("p50 ms", modes.stream().map(EvalFigures.Mode::p50Ms).toList())
                        .series("p99 ms", modes.stream().map(EvalFigures.Mode::p99Ms).toList())
                        .xTitle("mode").yTitle("ms per query").fromZero())
                .table(new Table("Time per query per mode, ms (percentiles: nearest rank)",
                        List.of("mode", "mean", "p50 (median)", "p90", "p99", "max"),
                        modes.stream().map(EvalReportWriter::latencyRow).toList()));
        Chart distribution = Chart.lines("Distribution of the time per query: percentile curve per mode")
                .labels(IntStream.rangeClosed(1, 100).mapToObj(p -> "p" + p).toList())
                .xTitle("percentile of the queries").yTitle("ms per query").fromZero().withoutPointMarkers();
        modes.forEach(m -> distribution.series(m.mode(), m.percentilesMs()));
        return report.chart(distribution);
    }

    private static List<String> latencyRow(EvalFigures.Mode mode) {
        List<Double> p = mode.percentilesMs();
        return List.of(mode.mode(), Numbers.format(mode.meanMs(), 1), Numbers.format(mode.p50Ms(), 1),
                p.isEmpty() ? "-" : Numbers.format(p.get(89), 1), p.isEmpty() ? "-" : Numbers.format(p.get(98), 1),
                p.isEmpty() ? "-" : Numbers.format(p.get(99), 1));
    }
}
