package io.caravan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static final long MS = 1_000_000L;

    @Test
    void should_pick_nearest_rank_percentiles() {
        // given: 10, 20, ..., 100 ms, shuffled
        LatencyStats stats = LatencyStats.ofNanos(70 * MS, 10 * MS, 100 * MS, 40 * MS, 20 * MS, 90 * MS, 30 * MS,
                60 * MS, 50 * MS, 80 * MS);

        // when / then: rank = ceil(p * n / 100), so p50 is the 5th value, p90 the 9th, p99 and p100 the 10th
        assertThat(stats.percentileMs(50)).isEqualTo(50.0);
        assertThat(stats.percentileMs(90)).isEqualTo(90.0);
        assertThat(stats.percentileMs(99)).isEqualTo(100.0);
        assertThat(stats.percentileMs(100)).isEqualTo(100.0);
        assertThat(stats.percentileMs(1)).isEqualTo(10.0);
        assertThat(stats.percentileMs(51)).isEqualTo(60.0);
    }

    @Test
    void should_give_the_distribution_as_a_curve_of_the_percentiles_1_to_100() {
        // given: 10, 20, ..., 100 ms
        LatencyStats stats = LatencyStats.ofNanos(10 * MS, 20 * MS, 30 * MS, 40 * MS, 50 * MS, 60 * MS, 70 * MS,
                80 * MS, 90 * MS, 100 * MS);

        // when
        java.util.List<Double> curve = stats.percentilesMs();

        // then: point p is percentileMs(p): p1..p10 the first value, p91..p100 the last
        assertThat(curve).hasSize(100);
        assertThat(curve.get(0)).isEqualTo(10.0);
        assertThat(curve.get(9)).isEqualTo(10.0);
        assertThat(curve.get(10)).isEqualTo(20.0);
        assertThat(curve.get(49)).isEqualTo(stats.percentileMs(50));
        assertThat(curve.get(99)).isEqualTo(100.0);
    }

    @Test
    void should_not_round_up_a_rank_that_is_exact__two_hundred_values() {
        // given: 1 ms .. 200 ms, where 0.99 * 200 in floating point is not exactly 198
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * MS;
        }

        // when
        LatencyStats stats = LatencyStats.ofNanos(nanos);

        // then: p99 is the 198th value, p50 the 100th
        assertThat(stats.percentileMs(99)).isEqualTo(198.0);
        assertThat(stats.percentileMs(50)).isEqualTo(100.0);
        assertThat(stats.count()).isEqualTo(200);
    }

    @Test
    void should_compute_mean_and_max_in_milliseconds() {
        // given
        LatencyStats stats = LatencyStats.ofNanos(1_500_000, 2_500_000, 5_000_000);

        // when / then: (1.5 + 2.5 + 5) / 3 = 3
        assertThat(stats.meanMs()).isCloseTo(3.0, within(1e-9));
        assertThat(stats.maxMs()).isEqualTo(5.0);
        assertThat(stats.percentileMs(50)).isEqualTo(2.5);
    }

    @Test
    void should_return_the_only_value_for_every_percentile__one_value() {
        // given
        LatencyStats stats = LatencyStats.ofNanos(7 * MS);

        // when / then
        assertThat(stats.percentileMs(1)).isEqualTo(7.0);
        assertThat(stats.percentileMs(99)).isEqualTo(7.0);
    }

    @Test
    void should_reject_no_values_and_percentiles_out_of_range() {
        // given
        LatencyStats stats = LatencyStats.ofNanos(MS);

        // when / then
        assertThatThrownBy(LatencyStats::ofNanos).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileMs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileMs(100.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_not_depend_on_later_changes_to_the_input() {
        // given
        long[] nanos = {3 * MS, 1 * MS, 2 * MS};
        LatencyStats stats = LatencyStats.ofNanos(nanos);

        // when
        nanos[0] = 100 * MS;

        // then
        assertThat(stats.maxMs()).isEqualTo(3.0);
    }
}
