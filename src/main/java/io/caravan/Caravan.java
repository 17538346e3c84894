package io.caravan;

import io.caravan.cli.AskCommand;
import io.caravan.cli.BenchCommand;
import io.caravan.cli.ConfigOverrides;
import io.caravan.cli.EvalCommand;
import io.caravan.cli.IngestCommand;
import io.caravan.cli.KeysCommand;
import io.caravan.cli.ReindexCommand;
import io.caravan.cli.RunCommand;
import io.caravan.config.DataDirectoryInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Caravan's command line: {@code run} (the default), {@code ingest PATH}, {@code ask "QUESTION"}, {@code eval BEIR_DIR},
 * {@code bench}, {@code reindex}, {@code keys create|list|revoke}.
 */
@Command(name = "caravan", mixinStandardHelpOptions = true, version = "Caravan 0.1",
        description = "A retrieval-augmented-generation runtime on Apache Camel.%n"
                + "Any configuration key can be given as --key=value (e.g. --caravan.http.port=9090) "
                + "or as an environment variable (CARAVAN_HTTP_PORT).",
        subcommands = {RunCommand.class, IngestCommand.class, AskCommand.class, EvalCommand.class,
                BenchCommand.class, ReindexCommand.class, KeysCommand.class})
public class Caravan implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Caravan()).setExecutionExceptionHandler(Caravan::refusal);
    }

    /**
     * A start refused for a reason the operator can fix (another Caravan holds the data directory) is one line on
     * standard error and exit code 2, not a stack trace; anything else goes on to picocli's handler.
     */
    private static int refusal(Exception thrown, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataDirectoryInUseException refused) {
                command.getErr().println("caravan: " + refused.getMessage());
                command.getErr().flush();
                return 2;
            }
        }
        throw thrown;
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand().run(ConfigOverrides.parse(config));
    }
}
