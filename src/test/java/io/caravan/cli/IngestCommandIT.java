package io.caravan.cli;

import io.caravan.Caravan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code caravan ingest} in-process, its standard error a pipe as when it is redirected to a log. */
class IngestCommandIT {

    @TempDir
    Path temp;

    @Test
    void should_write_plain_progress_lines_and_no_carriage_return_frames__when_stderr_is_not_a_terminal()
            throws Exception {
        // given: a share of three notes; this JVM's standard error is a pipe to the test runner, not a terminal
        Path share = Files.createDirectories(temp.resolve("share"));
        for (String name : new String[]{"a", "b", "c"}) {
            Files.writeString(share.resolve(name + ".txt"), "Note " + name + ": the quarterly report is due.");
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // when
        int exitCode;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exitCode = Caravan.commandLine().execute("ingest", share.toString(),
                    "--caravan.data-dir=" + temp.resolve("data"));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }

        // then
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out + progress).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 files: 3 indexed");
        assertThat(progress).doesNotContain("\r")
                .contains("ingest: 0/3 documents (0%)")
                .contains("ingest: 3/3 documents (100%)");
    }
}
