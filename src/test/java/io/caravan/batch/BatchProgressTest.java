package io.caravan.batch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BatchProgressTest {

    @Test
    void should_print_plain_lines_without_carriage_returns__when_the_output_is_not_a_terminal() throws Exception {
        // given: a log file, not a terminal, and a short interval so that the test sees several lines
        Log log = new Log();

        // when: 300 documents in three steps, each followed by a tick of the interval (the bar prints a line only
        // when a tick finds progress, and may miss a step made while it prints, so a missed line is not waited for)
        try (BatchProgress progress = BatchProgress.on(log.out, "index", 300, false, Duration.ofMillis(50))) {
            assertThat(log.lines.tryAcquire(5, TimeUnit.SECONDS)).as("first line").isTrue();
            for (int i = 0; i < 3; i++) {
                for (int d = 0; d < 100; d++) {
                    progress.step();
                }
                log.lines.tryAcquire(1, TimeUnit.SECONDS);
            }
        }

        // then: no frame redrawn in place, and every line stands alone, the last one complete
        String text = log.text();
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).allMatch(l -> l.matches("index: [\\d,]+/300 documents \\(\\d+%\\), \\d+:\\d\\d:\\d\\d.*"));
        assertThat(lines.get(0)).startsWith("index: 0/300 documents (0%)");
        assertThat(lines.get(1)).matches("index: [12]00/300 documents .*");
        assertThat(lines.get(lines.size() - 1)).startsWith("index: 300/300 documents (100%)");
        assertThat(lines).filteredOn(l -> l.startsWith("index: 300/300")).as("the final line once").hasSize(1);
    }

    @Test
    void should_redraw_one_line_with_carriage_returns__on_a_terminal() {
        // given
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);

        // when
        try (BatchProgress progress = BatchProgress.on(out, "ingest", 2, true, Duration.ofMillis(50))) {
            progress.step();
            progress.step();
        }

        // then: the progress bar's own frames
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("\r").contains("ingest").contains("2/2");
    }

    @Test
    void should_say_how_far_how_fast_and_how_long_is_left_in_a_plain_line() {
        // when
        String halfWay = BatchProgress.plainLine("ingest", 2_500, 5_000, Duration.ofSeconds(100));
        String done = BatchProgress.plainLine("ingest", 5_000, 5_000, Duration.ofSeconds(200));
        String started = BatchProgress.plainLine("ingest", 0, 5_000, Duration.ZERO);

        // then
        assertThat(halfWay).isEqualTo("ingest: 2,500/5,000 documents (50%), 0:01:40, 25.0 docs/s, ~0:01:40 left");
        assertThat(done).isEqualTo("ingest: 5,000/5,000 documents (100%), 0:03:20, 25.0 docs/s");
        assertThat(started).isEqualTo("ingest: 0/5,000 documents (0%), 0:00:00");
    }

    @Test
    void should_tell_terminal_devices_from_files_and_pipes() {
        assertThat(BatchProgress.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(BatchProgress.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(BatchProgress.isTerminalDevice("/var/log/caravan/eval.log")).isFalse();
        assertThat(BatchProgress.isTerminalDevice("pipe:[123456]")).isFalse();
        assertThat(BatchProgress.isTerminalDevice("/dev/null")).isFalse();
    }

    /** A log file in memory that signals each line written, so that the test waits for lines, not for time. */
    private static final class Log extends OutputStream {
        final Semaphore lines = new Semaphore(0);
        final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n') {
                lines.release();
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
