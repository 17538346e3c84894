package io.caravan.cli;

import io.caravan.Caravan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CommandHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "ask", "eval", "bench", "reindex", "keys", "keys create", "keys list",
            "keys revoke"})
    void should_print_a_commands_usage_on_help_and_start_nothing(String command) {
        // given: without the help option, --help would be an unknown setting handed to Caravan, which would start
        CommandLine cli = Caravan.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        // when
        int exit = cli.execute((command + " --help").split(" "));

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Usage: caravan " + command + " ");
    }
}
