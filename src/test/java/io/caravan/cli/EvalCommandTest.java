package io.caravan.cli;

import io.caravan.Caravan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @TempDir
    Path temp;

    @Test
    void should_refuse_a_report_in_a_folder_that_does_not_exist__before_indexing_anything() throws Exception {
        // given
        Path beir = Path.of(EvalCommandTest.class.getResource("/beir/tiny/corpus.jsonl").toURI()).getParent();
        Path report = temp.resolve("missing").resolve("eval.html");
        StringWriter err = new StringWriter();
        CommandLine cli = Caravan.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        // when
        int exitCode = cli.execute("eval", beir.toString(), "--report", report.toString(),
                "--caravan.data-dir=" + temp.resolve("data"));

        // then: a usage error naming the folder, and no index started
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("caravan eval: --report " + report + ": the folder "
                + report.getParent() + " does not exist");
        assertThat(Files.exists(temp.resolve("data"))).isFalse();
    }
}
