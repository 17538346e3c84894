package io.caravan.cli;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects {@code --key=value} arguments as configuration overrides. */
public class ConfigOverrides {

    @CommandLine.Unmatched
    List<String> unmatched = List.of();

    /** The overrides by key. @throws CommandLine.ParameterException-like IllegalArgumentException for other args */
    public Map<String, String> asMap() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : unmatched) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("unexpected argument '" + arg
                        + "'; configuration is given as --key=value, e.g. --caravan.http.port=9090");
            }
            overrides.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return overrides;
    }
}
