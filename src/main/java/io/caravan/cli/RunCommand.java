package io.caravan.cli;

import io.caravan.CaravanRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code caravan run}: the long-running service (file share, HTTP API). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run Caravan: watch the inbox and serve the HTTP API (the default).")
public class RunCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return run(ConfigOverrides.parse(config));
    }

    /** Runs until stopped. */
    public int run(Map<String, String> config) throws Exception {
        new CaravanRuntime(config).runUntilStopped();
        return 0;
    }
}
