package io.caravan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.bench.BenchReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleReportWriterTest {

    private static final ScaleFigures FIGURES = new ScaleFigures(List.of(
            new ScaleFigures.Step(10_000, 266, List.of(new ScaleFigures.ModeLatency("bm25", 8.30, 65.80),
                    new ScaleFigures.ModeLatency("dense", 18.07, 55.26),
                    new ScaleFigures.ModeLatency("hybrid", 42.64, 226.67)), 41.1, 376.0, null, 33.0),
            new ScaleFigures.Step(50_000, 337, List.of(new ScaleFigures.ModeLatency("bm25", 5.06, 17.75),
                    new ScaleFigures.ModeLatency("dense", 19.92, 51.60),
                    new ScaleFigures.ModeLatency("hybrid", 30.40, 78.79)), 49.4, 516.0, 3.30, 192.0)),
            List.of(new BenchReport.Figure("Synthetic scale", "hybrid search p50", "hybridP50Ms", 30.4, "ms")));
    private static final List<List<String>> GROWTH = List.of(List.of("chunks", "bm25 p50 ms"),
            List.of("10,000", "8.30"), List.of("50,000", "5.06"));

    @Test
    void should_inline_the_figures_as_json_that_parses_back_to_them() {
        // when
        String html = ScaleReportWriter.report(FIGURES, GROWTH, "printed").render();

        // then: a step measured before the first commit keeps its missing figure missing
        assertThat(ReportPages.figures(html, ScaleFigures.class)).isEqualTo(FIGURES);
    }

    @Test
    void should_chart_latency_memory_and_disk_against_the_chunks_in_the_index() {
        // when
        JsonNode charts = ReportPages.charts(ScaleReportWriter.report(FIGURES, GROWTH, "printed").render());

        // then: p50 and p99 of each mode on a numeric axis of chunks, the p99 dashed
        assertThat(charts).hasSize(3);
        JsonNode latency = charts.get(0).get("config");
        assertThat(latency.at("/options/scales/x/type").asText()).isEqualTo("linear");
        assertThat(latency.at("/data/datasets")).hasSize(6);
        assertThat(latency.at("/data/datasets/5/label").asText()).isEqualTo("hybrid p99");
        assertThat(latency.at("/data/datasets/5/borderDash")).isNotEmpty();
        assertThat(latency.at("/data/datasets/4/data/1/x").asLong()).isEqualTo(50_000);
        assertThat(latency.at("/data/datasets/4/data/1/y").asDouble()).isEqualTo(30.40);
        // and: heap and RSS, then the index per 1,000 chunks, which has no point before the first commit
        assertThat(charts.get(1).at("/config/data/datasets/1/data/1/y").asDouble()).isEqualTo(516.0);
        assertThat(charts.get(2).at("/config/data/datasets/0/data")).hasSize(1);
        assertThat(charts.get(2).at("/config/data/datasets/0/data/0/y").asDouble()).isEqualTo(3.30);
    }

    @Test
    void should_show_the_printed_growth_table_and_the_json_figures() {
        // when
        String html = ReportPages.withoutLibrary(ScaleReportWriter.report(FIGURES, GROWTH, "printed").render());

        // then
        assertThat(html).contains("<caption>The index after each step, as printed</caption>")
                .contains("<tr><td class=\"number\">50,000</td><td class=\"number\">5.06</td></tr>")
                .contains("<td>hybrid search p50</td><td class=\"number\">30.4</td><td>ms</td><td>hybridP50Ms</td>");
    }
}
