package io.caravan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartTest {

    private static JsonNode json(Chart chart) {
        return Json.newMapper().valueToTree(chart.config());
    }

    @Test
    void should_give_a_dashed_line_the_colour_of_the_line_before_it__and_each_other_series_its_own() {
        // given
        Chart chart = Chart.lines("latency")
                .points("bm25 p50", List.of(1, 2), List.of(5.0, 6.0), false)
                .points("bm25 p99", List.of(1, 2), List.of(9.0, 9.5), true)
                .points("dense p50", List.of(1, 2), List.of(7.0, 8.0), false);

        // when
        JsonNode datasets = json(chart).at("/data/datasets");

        // then
        assertThat(datasets.at("/1/borderColor")).isEqualTo(datasets.at("/0/borderColor"));
        assertThat(datasets.at("/1/borderDash")).isNotEmpty();
        assertThat(datasets.at("/2/borderColor")).isNotEqualTo(datasets.at("/0/borderColor"));
    }

    @Test
    void should_colour_a_dozen_series_each_differently() {
        // given
        Chart chart = Chart.bars("groups").labels(List.of("a"));
        IntStream.range(0, 12).forEach(i -> chart.series("group " + i, List.of(i)));

        // when
        JsonNode datasets = json(chart).at("/data/datasets");

        // then
        assertThat(IntStream.range(0, 12).mapToObj(i -> datasets.get(i).get("borderColor").asText()).distinct())
                .hasSize(12);
    }

    @Test
    void should_leave_out_points_without_a_value__and_start_the_numeric_axis_at_zero() {
        // given
        Chart chart = Chart.lines("disk").points("MB", List.of(1000, 2000), Arrays.asList(null, 3.3), false);

        // when
        JsonNode config = json(chart);

        // then
        assertThat(config.at("/data/datasets/0/data").toString()).isIn("[{\"x\":2000,\"y\":3.3}]",
                "[{\"y\":3.3,\"x\":2000}]");
        assertThat(config.at("/options/scales/x/type").asText()).isEqualTo("linear");
        assertThat(config.at("/options/scales/x/min").asInt()).isZero();
    }

    @Test
    void should_put_the_categories_of_horizontal_bars_on_the_y_axis__with_their_title() {
        // given
        Chart chart = Chart.bars("cpu").labels(List.of("ingestion", "bare")).series("embedding", List.of(1, 2))
                .stacked().horizontal().xTitle("side").yTitle("CPU seconds");

        // when
        JsonNode options = json(chart).get("options");

        // then
        assertThat(options.get("indexAxis").asText()).isEqualTo("y");
        assertThat(options.at("/scales/y/title/text").asText()).isEqualTo("side");
        assertThat(options.at("/scales/x/title/text").asText()).isEqualTo("CPU seconds");
        assertThat(options.at("/scales/x/stacked").asBoolean()).isTrue();
    }

    @Test
    void should_refuse_points_whose_x_and_y_differ_in_length() {
        // when / then
        assertThatThrownBy(() -> Chart.lines("c").points("s", List.of(1, 2), List.of(1.0), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }
}
