package io.caravan.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@code --key=value} arguments into configuration overrides. */
public final class ConfigOverrides {

    private ConfigOverrides() {
    }

    /**
     * The overrides by key.
     *
     * @throws IllegalArgumentException for an argument that is not {@code --key=value}
     */
    public static Map<String, String> parse(List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : args == null ? List.<String>of() : args) {
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
