package io.caravan;

import io.caravan.config.CaravanSettings;
import io.caravan.config.LogFormat;
import io.caravan.config.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Caravan process: a Camel Main with Caravan's configuration and the caller's overrides.
 * {@link #start()} returns once every route runs; {@link #close()} stops gracefully.
 */
public final class CaravanRuntime implements AutoCloseable {

    // an application.properties in the working directory, then the packaged defaults for the keys it does not set
    // (docs/configuration.md#where-values-come-from; on Kubernetes a ConfigMap, docs/operations.md#kubernetes)
    static final String PROPERTY_LOCATIONS = propertyLocations("application.properties");

    private final Main main;

    public CaravanRuntime(Map<String, String> overrides) {
        // before Camel logs its first line, so every line has the configured format
        LogFormat.apply(logFormat(overrides));
        this.main = new Main();
        main.setDefaultPropertyPlaceholderLocation(PROPERTY_LOCATIONS);
        new LinkedHashMap<>(overrides).forEach(main::addOverrideProperty);
    }

    /** Runs {@code listener} once the context is configured, before any route starts (tests hook in here). */
    public CaravanRuntime beforeStart(Consumer<CamelContext> listener) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                listener.accept(configured.getCamelContext());
            }
        });
        return this;
    }

    /** Starts Camel and every enabled route. */
    public CaravanRuntime start() throws Exception {
        main.start();
        return this;
    }

    /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    /**
     * The settings a runtime started with {@code overrides} would have (same files, environment variables and
     * overrides), read and checked without starting one.
     */
    public static CaravanSettings settings(Map<String, String> overrides) throws Exception {
        return readProperties(PROPERTY_LOCATIONS, overrides,
                properties -> CaravanSettings.read(new Settings(properties)));
    }

    /**
     * The values {@code keys} would have in a runtime started with {@code overrides}, as text, read without starting
     * one; a key that is not set maps to {@code null}.
     */
    public static Map<String, String> resolve(Map<String, String> overrides, List<String> keys) throws Exception {
        return resolve(PROPERTY_LOCATIONS, overrides, keys);
    }

    /** {@link #resolve(Map, List)} with the configuration file {@code locations} names instead of the usual ones. */
    static Map<String, String> resolve(String locations, Map<String, String> overrides, List<String> keys)
            throws Exception {
        return readProperties(locations, overrides, properties -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : keys) {
                values.put(key, properties.resolveProperty(key).map(String::strip).orElse(null));
            }
            return values;
        });
    }

    private static String logFormat(Map<String, String> overrides) {
        String key = "caravan.log.format";
        try {
            String format = resolve(overrides, List.of(key)).get(key);
            return format == null ? "text" : format;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key, e);
        }
    }

    /**
     * The property locations for a working-directory configuration file {@code workingDirectoryFile}: that file
     * first, since Camel takes each key from the first location that has it, then the defaults inside the jar.
     */
    static String propertyLocations(String workingDirectoryFile) {
        return "file:" + workingDirectoryFile + ";optional=true,classpath:application.properties;optional=true";
    }

    private static <T> T readProperties(String locations, Map<String, String> overrides,
                                        Function<PropertiesComponent, T> read) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // a context only for reading the files: its shutdown is no news (and comes before the log format is set)
            context.setStartupSummaryLevel(StartupSummaryLevel.Off);
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation(locations);
            Properties override = new Properties();
            override.putAll(overrides);
            properties.setOverrideProperties(override);
            return read.apply(properties);
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
