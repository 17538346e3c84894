package io.caravan.cli;

import io.caravan.Caravan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @TempDir
    Path temp;

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

    @Test
    void should_refuse_a_report_in_a_folder_that_does_not_exist__before_measuring_anything() {
        // given
        Path report = temp.resolve("missing").resolve("bench.html");
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("bench", "--synthetic-chunks", "10", "--report",
                    report.toString());
        } finally {
            System.setErr(stderr);
        }

        // then: a usage error naming the folder, before any index is started
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("caravan bench: --report " + report
                + ": the folder " + report.getParent() + " does not exist" + System.lineSeparator());
    }
}
