package io.caravan.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The Chart.js library as a report inlines it: the minified UMD build of the {@code org.webjars.npm:chart.js} WebJar
 * on the classpath, which defines the global {@code Chart} and bundles its one dependency. Immutable and thread
 * safe.
 */
public final class ChartJs {

    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String BUNDLE = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js";
    private static final String SOURCE_MAP = "//# sourceMappingURL=";

    private final String version;
    private final String source;

    private ChartJs(String version, String source) {
        this.version = version;
        this.source = source;
    }

    /**
     * Reads the library from the classpath: the WebJar's version from its Maven properties, then that version's
     * bundle, so changing the dependency's version in the pom is all an upgrade takes.
     *
     * @throws IllegalStateException when the WebJar is not on the classpath, or its text cannot sit in a script
     */
    public static ChartJs load() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM_PROPERTIES)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = pom.getProperty("version");
        String text;
        try (InputStream in = resource(String.format(Locale.ROOT, BUNDLE, version))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the map file is not beside the report: a browser's developer tools would try to fetch it
        int map = text.lastIndexOf(SOURCE_MAP);
        if (map >= 0) {
            text = text.substring(0, map).stripTrailing();
        }
        // inlined in a <script> element, the text must not close it (HTML Living Standard, "script" content rules)
        if (text.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("Chart.js " + version + " contains '</script' and cannot be inlined");
        }
        return new ChartJs(version, text);
    }

    private static InputStream resource(String name) {
        InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Chart.js is not on the classpath (" + name + "): the reports need the "
                    + "org.webjars.npm:chart.js WebJar");
        }
        return in;
    }

    /** The WebJar's version, e.g. {@code 4.5.1}. */
    public String version() {
        return version;
    }

    /** The minified library, its licence banner included, without the source map reference. */
    public String source() {
        return source;
    }
}
