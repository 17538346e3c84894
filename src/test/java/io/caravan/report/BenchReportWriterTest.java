package io.caravan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.bench.BenchReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportWriterTest {

    private static final BenchFigures FIGURES = new BenchFigures(
            List.of(new BenchFigures.Slice(707, 25.1, 27.0, 0.930), new BenchFigures.Slice(708, 24.0, 27.6, 0.870)),
            IntStream.rangeClosed(1, 100).mapToObj(p -> 15.0 + p / 4.0).toList(),
            IntStream.rangeClosed(1, 100).mapToObj(p -> 12.0 + p / 5.0).toList(),
            List.of(new BenchFigures.CpuGroup("embedding (caravan-embed pool: tokenizer + ONNX)", 377.2),
                    new BenchFigures.CpuGroup("ingest workers", 19.7)),
            List.of(new BenchFigures.CpuGroup("bare embedAll threads (tokenizer + ONNX)", 375.4)),
            List.of(new BenchReport.Figure("Ingestion end to end", "documents/s", "ingestDocsPerSec", 25.5, "docs/s"),
                    new BenchReport.Figure("Ingestion end to end", "documents", "documents", 5183, ""),
                    new BenchReport.Figure("Ingestion vs bare embedding", "ingestRatio = a / b", "ingestRatio",
                            0.926, "")));

    @Test
    void should_inline_the_figures_as_json_that_parses_back_to_them() {
        // when
        String html = BenchReportWriter.report(FIGURES, "printed").render();

        // then
        assertThat(ReportPages.figures(html, BenchFigures.class)).isEqualTo(FIGURES);
    }

    @Test
    void should_chart_both_sides_of_each_slice_with_their_ratio__the_cpu__and_both_latency_curves() {
        // when
        JsonNode charts = ReportPages.charts(BenchReportWriter.report(FIGURES, "printed").render());

        // then: docs/s of both sides per slice as bars, the ratio as a line on its own axis
        assertThat(charts).hasSize(3);
        JsonNode slices = charts.get(0).get("config");
        assertThat(slices.at("/data/labels").toString()).isEqualTo("[\"slice 1\",\"slice 2\"]");
        assertThat(slices.at("/data/datasets/0/data").toString()).isEqualTo("[25.1,24.0]");
        assertThat(slices.at("/data/datasets/1/data").toString()).isEqualTo("[27.0,27.6]");
        assertThat(slices.at("/data/datasets/2/type").asText()).isEqualTo("line");
        assertThat(slices.at("/data/datasets/2/yAxisID").asText()).isEqualTo("ratio");
        assertThat(slices.at("/data/datasets/2/data").toString()).isEqualTo("[0.93,0.87]");
        assertThat(slices.at("/options/scales/ratio/position").asText()).isEqualTo("right");
        // and: CPU seconds stacked per side, a group missing on one side drawn as nothing there
        JsonNode cpu = charts.get(1).get("config");
        assertThat(cpu.at("/options/indexAxis").asText()).isEqualTo("y");
        assertThat(cpu.at("/data/datasets")).hasSize(3);
        assertThat(cpu.at("/data/datasets/1/data").toString()).isEqualTo("[19.7,null]");
        // and: the percentile curves of direct:ask and the bare query
        JsonNode latency = charts.get(2).get("config");
        assertThat(latency.at("/data/datasets/0/label").asText()).isEqualTo("direct:ask");
        assertThat(latency.at("/data/datasets/0/data")).hasSize(100);
        assertThat(latency.at("/data/datasets/1/data/49").asDouble()).isEqualTo(22.0);
    }

    @Test
    void should_show_the_json_figures_slices_and_percentiles_as_tables__and_what_was_printed() {
        // when
        String html = ReportPages.withoutLibrary(BenchReportWriter.report(FIGURES, "== printed <as is>").render());

        // then: the figures as the JSON line has them
        assertThat(html).contains("<td>ingestRatio = a / b</td><td class=\"number\">0.926</td><td></td>"
                        + "<td>ingestRatio</td>")
                .contains("<td class=\"number\">5183</td>")
                .contains("<tr><td>slice 2</td><td class=\"number\">708</td><td class=\"number\">24.00</td>"
                        + "<td class=\"number\">27.60</td><td class=\"number\">0.870</td></tr>")
                // p50 of direct:ask: 15 + 50 / 4
                .contains("<tr><td>direct:ask</td><td class=\"number\">27.50</td>")
                .contains("<pre>== printed &lt;as is&gt;</pre>");
    }
}
