package io.caravan.config;

import java.util.Locale;

/**
 * How log lines are written, {@code caravan.log.format} (docs/operations.md#logs): {@code text} lines for people or
 * {@code json} objects, one a line, for a log pipeline. The format itself is chosen before Camel starts
 * ({@link LogFormat}); Caravan's beans need to know it for the request ids they put in the MDC.
 *
 * @param format {@code text} or {@code json}
 */
public record LogSettings(String format) {

    public LogSettings {
        format = format.toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalStateException("caravan.log.format must be text or json, was " + format);
        }
    }

    /** Whether lines are JSON objects, which carry the MDC. */
    public boolean json() {
        return format.equals("json");
    }

    static LogSettings read(Settings settings) {
        return new LogSettings(settings.string("caravan.log.format"));
    }
}
