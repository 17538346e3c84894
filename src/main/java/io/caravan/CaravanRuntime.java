package io.caravan;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Caravan process: a Camel Main with Caravan's configuration and the caller's overrides.
 * {@link #start()} returns once every route runs; {@link #close()} stops gracefully.
 */
public final class CaravanRuntime implements AutoCloseable {

    // the packaged defaults first, then an application.properties in the working directory, which wins
    static final String PROPERTY_LOCATIONS =
            "classpath:application.properties;optional=true,file:application.properties;optional=true";

    private final Main main;

    public CaravanRuntime(Map<String, String> overrides) {
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

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
