package io.caravan.config;

import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Typed reads of {@code caravan.*} keys; every key must be set (application.properties holds the defaults). */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public String string(String key) {
        return properties.resolveProperty(key)
                .map(String::strip)
                .orElseThrow(() -> new IllegalStateException("configuration key " + key + " is not set"));
    }

    /** The key's value, or {@code null} when it is unset or blank (an optional credential, say). */
    public String optional(String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "an integer");
        }
    }

    public double decimal(String key) {
        try {
            double value = Double.parseDouble(string(key));
            if (!Double.isFinite(value)) {
                throw invalid(key, "a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, "a number");
        }
    }

    public boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    public Path path(String key) {
        return Path.of(string(key)).toAbsolutePath().normalize();
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT30S}. */
    public Duration duration(String key) {
        Duration duration = parseDuration(key, string(key).toLowerCase(Locale.ROOT));
        if (duration.isNegative()) {
            throw invalid(key, "a duration of zero or more");
        }
        return duration;
    }

    private Duration parseDuration(String key, String value) {
        try {
            if (value.startsWith("pt")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw invalid(key, "a duration like 30s, 500ms or 2m");
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw invalid(key, "a duration like 30s, 500ms or 2m");
        }
    }

    /** A size such as {@code 50MB}, {@code 512KB} or a plain number of bytes. */
    public long bytes(String key) {
        long bytes = parseBytes(key, string(key).toUpperCase(Locale.ROOT).replace(" ", ""));
        if (bytes < 0) {
            throw invalid(key, "a size of zero or more");
        }
        return bytes;
    }

    private long parseBytes(String key, String value) {
        long unit = 1;
        for (var suffix : List.of(new Object[]{"GB", 1L << 30}, new Object[]{"MB", 1L << 20},
                new Object[]{"KB", 1L << 10}, new Object[]{"B", 1L})) {
            if (value.endsWith((String) suffix[0])) {
                unit = (Long) suffix[1];
                value = value.substring(0, value.length() - ((String) suffix[0]).length());
                break;
            }
        }
        try {
            // an overflowing size would wrap to a negative or tiny limit
            return Math.multiplyExact(Long.parseLong(value), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, "a size like 50MB, 512KB or a number of bytes");
        }
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private IllegalStateException invalid(String key, String expected) {
        return new IllegalStateException("configuration key " + key + " must be " + expected + ", was '"
                + properties.resolveProperty(key).orElse("") + "'");
    }
}
