package io.caravan.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void should_measure_synthetic_chunks_at_each_step_and_at_the_end() {
        assertThat(BenchCommand.syntheticSteps(100_000, List.of(10_000, 50_000)))
                .containsExactly(10_000, 50_000, 100_000);
        assertThat(BenchCommand.syntheticSteps(100_000, List.of(10_000, 100_000))).containsExactly(10_000, 100_000);
        assertThat(BenchCommand.syntheticSteps(2_000, List.of())).containsExactly(2_000);
    }

    @Test
    void should_refuse_synthetic_steps_out_of_order_or_beyond_the_chunks() {
        assertThat(BenchCommand.syntheticSteps(100_000, List.of(50_000, 10_000))).isEmpty();
        assertThat(BenchCommand.syntheticSteps(10_000, List.of(50_000))).isEmpty();
        assertThat(BenchCommand.syntheticSteps(0, List.of())).isEmpty();
    }
}
