package io.caravan.report;

import io.caravan.bench.BenchReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The HTML report of {@code bench} (ingestion and query speed): ingestion next to the bare model over the slices,
 * where each side's CPU time went, the two question latency distributions, and the figures of the JSON line
 * (docs/benchmarks.md#reports).
 */
public final class BenchReportWriter {

    private BenchReportWriter() {
    }

    /** The report of {@code figures}; {@code printed} is what the command printed, shown folded at the end. */
    public static HtmlReport report(BenchFigures figures, String printed) {
        HtmlReport report = new HtmlReport("caravan bench: ingestion and query speed").figures(figures);
        ingestion(figures.slices(), report);
        cpu(figures.ingestionCpu(), figures.bareCpu(), report);
        latency(figures.askPercentilesMs(), figures.indexOnlyPercentilesMs(), report);
        return report.heading("Figures")
                .table(figureTable(figures.figures()))
                .printed("What bench printed", printed);
    }

    private static void ingestion(List<BenchFigures.Slice> slices, HtmlReport report) {
        List<String> labels = IntStream.rangeClosed(1, slices.size()).mapToObj(i -> "slice " + i).toList();
        report.heading("Ingestion next to the bare embedding model")
                .paragraph("Each slice of the documents is ingested through the pipeline, then its chunk texts are "
                        + "embedded by the bare model, so both sides of the ratio see the same machine.")
                .chart(Chart.bars("Documents per second in each slice, and their ratio").labels(labels)
                        .series("ingestion docs/s", slices.stream().map(BenchFigures.Slice::ingestDocsPerSec).toList())
                        .series("bare model docs/s",
                                slices.stream().map(BenchFigures.Slice::embedOnlyDocsPerSec).toList())
                        .ratioLine("ingestRatio", slices.stream().map(BenchFigures.Slice::ratio).toList(),
                                "ingestRatio")
                        .xTitle("slice, in the order they ran").yTitle("documents per second").fromZero())
                .table(new Table("Slices", List.of("slice", "documents", "ingestion docs/s", "bare model docs/s",
                        "ingestRatio"), IntStream.range(0, slices.size()).mapToObj(i -> List.of(labels.get(i),
                        String.valueOf(slices.get(i).documents()), Numbers.format(slices.get(i).ingestDocsPerSec(), 2),
                        Numbers.format(slices.get(i).embedOnlyDocsPerSec(), 2),
                        Numbers.format(slices.get(i).ratio(), 3))).toList()));
    }

    private static void cpu(List<BenchFigures.CpuGroup> ingestion, List<BenchFigures.CpuGroup> bare,
                            HtmlReport report) {
        if (ingestion.isEmpty() && bare.isEmpty()) {
            return; // this JVM does not measure CPU time per thread
        }
        Map<String, Double> ingestionSeconds = bySeconds(ingestion);
        Map<String, Double> bareSeconds = bySeconds(bare);
        Set<String> groups = new LinkedHashSet<>(ingestionSeconds.keySet());
        groups.addAll(bareSeconds.keySet());
        Chart chart = Chart.bars("CPU seconds by thread group").labels(List.of("ingestion slices", "bare model slices"))
                .stacked().horizontal().xTitle("side").yTitle("CPU seconds");
        List<List<String>> rows = new ArrayList<>();
        for (String group : groups) {
            Double ingested = ingestionSeconds.get(group);
            Double embedded = bareSeconds.get(group);
            chart.series(group, Arrays.asList(ingested, embedded));
            rows.add(List.of(group, ingested == null ? "-" : Numbers.format(ingested, 1),
                    embedded == null ? "-" : Numbers.format(embedded, 1)));
        }
        report.heading("Where the CPU time went")
                .chart(chart)
                .table(new Table("CPU seconds by thread group (groups under 0.1 % of a side left out)",
                        List.of("thread group", "ingestion slices", "bare model slices"), rows));
    }

    private static void latency(List<Double> ask, List<Double> indexOnly, HtmlReport report) {
        report.heading("Question latency: direct:ask next to the bare hybrid query")
                .paragraph("Each question goes through direct:ask (the /api/ask pipeline), then as the bare hybrid "
                        + "query (query embedding and index search), one after the other.")
                .chart(Chart.lines("Distribution of the time per question: percentile curves")
                        .labels(IntStream.rangeClosed(1, 100).mapToObj(p -> "p" + p).toList())
                        .series("direct:ask", ask).series("bare hybrid query", indexOnly)
                        .xTitle("percentile of the questions").yTitle("ms per question").fromZero()
                        .withoutPointMarkers())
                .table(new Table("Time per question, ms (percentiles: nearest rank)",
                        List.of("", "p50", "p90", "p99", "max"),
                        List.of(percentileRow("direct:ask", ask), percentileRow("bare hybrid query", indexOnly))));
    }

    private static List<String> percentileRow(String label, List<Double> percentiles) {
        return List.of(label, Numbers.format(percentiles.get(49), 2), Numbers.format(percentiles.get(89), 2),
                Numbers.format(percentiles.get(98), 2), Numbers.format(percentiles.get(99), 2));
    }

    private static Map<String, Double> bySeconds(List<BenchFigures.CpuGroup> groups) {
        return groups.stream().collect(Collectors.toMap(BenchFigures.CpuGroup::group,
                BenchFigures.CpuGroup::seconds, Double::sum, LinkedHashMap::new));
    }

    /** The figures of the JSON line: section, label, value as in the JSON line, unit and key. */
    static Table figureTable(List<BenchReport.Figure> figures) {
        return new Table("The figures of the JSON line bench prints last",
                List.of("section", "figure", "value", "unit", "JSON key"),
                figures.stream().map(f -> List.of(f.section(), f.label(), Numbers.plain(f.value()), f.unit(),
                        f.key())).toList());
    }
}
