package io.caravan.report;

import java.util.List;

/**
 * The HTML report of {@code bench --synthetic-chunks}: the growth curve of search latency per mode, memory and the
 * index's disk per 1,000 chunks, the printed growth table and the figures of the JSON line
 * (docs/benchmarks.md#reports).
 */
public final class ScaleReportWriter {

    private ScaleReportWriter() {
    }

    /**
     * The report of {@code figures}; {@code growthTable} is the growth table as printed (its header row first),
     * {@code printed} what the command printed, shown folded at the end.
     */
    public static HtmlReport report(ScaleFigures figures, List<List<String>> growthTable, String printed) {
        List<ScaleFigures.Step> steps = figures.steps();
        List<Long> chunks = steps.stream().map(ScaleFigures.Step::chunks).toList();
        HtmlReport report = new HtmlReport("caravan bench --synthetic-chunks: the index as it grows")
                .figures(figures);

        Chart latency = Chart.lines("Search latency per mode after each step: p50 (solid) and p99 (dashed)")
                .xTitle("chunks in the index").yTitle("ms per search").fromZero();
        List<String> modes = steps.isEmpty() ? List.of()
                : steps.get(0).latency().stream().map(ScaleFigures.ModeLatency::mode).toList();
        for (String mode : modes) {
            latency.points(mode + " p50", chunks, steps.stream().map(s -> latency(s, mode).p50Ms()).toList(), false)
                    .points(mode + " p99", chunks, steps.stream().map(s -> latency(s, mode).p99Ms()).toList(), true);
        }
        report.heading("Search latency").chart(latency);

        report.heading("Memory")
                .chart(Chart.lines("Caravan's heap after GC and resident set size after each step")
                        .points("heap after GC MB", chunks,
                                steps.stream().map(ScaleFigures.Step::heapMbAfterGc).toList(), false)
                        .points("RSS MB", chunks, steps.stream().map(ScaleFigures.Step::rssMb).toList(), false)
                        .xTitle("chunks in the index").yTitle("MB").fromZero());

        report.heading("Disk")
                .chart(Chart.lines("The index's MB per 1,000 chunks after each step")
                        .points("index MB per 1,000 chunks", chunks,
                                steps.stream().map(ScaleFigures.Step::indexMbPer1000Chunks).toList(), false)
                        .xTitle("chunks in the index").yTitle("MB per 1,000 chunks").fromZero());

        return report.heading("Figures")
                .table(new Table("The index after each step, as printed", growthTable.get(0),
                        growthTable.subList(1, growthTable.size())))
                .table(BenchReportWriter.figureTable(figures.figures()))
                .printed("What bench printed", printed);
    }

    private static ScaleFigures.ModeLatency latency(ScaleFigures.Step step, String mode) {
        return step.latency().stream().filter(l -> l.mode().equals(mode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + mode + " latency at " + step.chunks()));
    }
}
