package io.caravan.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EvalReportWriterTest {

    /** Percentiles 1..100 of a mode whose queries took {@code base} + 0.5 ms per percentile. */
    private static List<Double> curve(double base) {
        return IntStream.rangeClosed(1, 100).mapToObj(p -> base + p * 0.5).toList();
    }

    private static final EvalFigures FIGURES = new EvalFigures("../scifact", "test",
            List.of("index reused: 5183 documents", "300 queries of split 'test'"), "reused", List.of(
            new EvalFigures.Mode("bm25", 0.6910, 0.9249, 0.6549, 300, 3.15, 10.5, 10.4, curve(5)),
            new EvalFigures.Mode("dense", 0.7063, 0.9483, 0.6720, 300, 5.28, 17.6, 17.1, curve(12)),
            new EvalFigures.Mode("hybrid", 0.7354, 0.9717, 0.7025, 300, 14.34, 47.8, 46.0, curve(40)),
            new EvalFigures.Mode("hybrid+rerank", 0.7337, 0.9717, 0.6999, 300, 49.92, 166.4, 160.2, curve(150)),
            new EvalFigures.Mode("default", 0.7354, 0.9717, 0.7025, 300, 13.23, 44.1, 43.9, curve(38))));

    @Test
    void should_inline_the_figures_as_json_that_parses_back_to_them() {
        // when
        String html = EvalReportWriter.report(FIGURES).render();

        // then
        assertThat(ReportPages.figures(html, EvalFigures.class)).isEqualTo(FIGURES);
    }

    @Test
    void should_chart_the_scores_and_the_latency_of_every_mode() {
        // when
        JsonNode charts = ReportPages.charts(EvalReportWriter.report(FIGURES).render());

        // then: scores as grouped bars, one group per mode, on a 0..1 axis
        assertThat(charts).hasSize(3);
        JsonNode scores = charts.get(0).get("config");
        assertThat(scores.get("type").asText()).isEqualTo("bar");
        assertThat(scores.at("/data/labels").toString())
                .isEqualTo("[\"bm25\",\"dense\",\"hybrid\",\"hybrid+rerank\",\"default\"]");
        assertThat(scores.at("/data/datasets/0/label").asText()).isEqualTo("nDCG@10");
        assertThat(scores.at("/data/datasets/0/data/2").asDouble()).isEqualTo(0.7354);
        assertThat(scores.at("/data/datasets/1/label").asText()).isEqualTo("Recall@100");
        assertThat(scores.at("/data/datasets/2/label").asText()).isEqualTo("MRR@10");
        assertThat(scores.at("/options/scales/y/max").asDouble()).isEqualTo(1.0);
        // and: p50 (as printed) and p99 per mode, then each mode's percentile curve
        assertThat(charts.get(1).at("/config/data/datasets/0/data/4").asDouble()).isEqualTo(43.9);
        assertThat(charts.get(1).at("/config/data/datasets/1/data/0").asDouble()).isEqualTo(5 + 99 * 0.5);
        JsonNode distribution = charts.get(2).get("config");
        assertThat(distribution.at("/data/labels")).hasSize(100);
        assertThat(distribution.at("/data/datasets")).hasSize(5);
        assertThat(distribution.at("/data/datasets/3/label").asText()).isEqualTo("hybrid+rerank");
    }

    @Test
    void should_show_the_printed_table_and_the_latency_percentiles_as_html_tables() {
        // when
        String html = ReportPages.withoutLibrary(EvalReportWriter.report(FIGURES).render());

        // then: the row eval prints for hybrid, cell by cell
        assertThat(html).contains("<th>nDCG@10</th><th>Recall@100</th><th>MRR@10</th>")
                .contains("<tr><td>hybrid</td><td class=\"number\">0.7354</td><td class=\"number\">0.9717</td>"
                        + "<td class=\"number\">0.7025</td><td class=\"number\">300</td>"
                        + "<td class=\"number\">14.34</td><td class=\"number\">47.8</td>"
                        + "<td class=\"number\">46.0</td><td>reused</td></tr>")
                // the mode's name is escaped like any text, and the lines eval prints first are there
                .contains("<td>hybrid+rerank</td>").contains("<p>300 queries of split &#39;test&#39;</p>")
                // p90 and p99 of bm25: 5 + 90 * 0.5 and 5 + 99 * 0.5
                .contains("<td class=\"number\">50.0</td><td class=\"number\">54.5</td>");
    }
}
