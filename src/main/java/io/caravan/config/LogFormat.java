package io.caravan.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import org.slf4j.LoggerFactory;

import java.net.URL;

/**
 * Chooses the log line format, {@code caravan.log.format} (docs/operations.md#logs). Logback configures itself on
 * the first line logged, from logback.xml, which appends to the appender named by {@code CARAVAN_LOG_FORMAT} (a
 * system property or environment variable, {@code text} when unset); a format set in application.properties or as
 * an argument is known only once Caravan has read its configuration, so {@link #apply} then reloads logback.xml with
 * that name. Called once per process, before Camel starts, so every line of the service has the one format.
 */
public final class LogFormat {

    /** The logback variable logback.xml picks its appender by. */
    static final String VARIABLE = "CARAVAN_LOG_FORMAT";

    private LogFormat() {
    }

    /**
     * Makes logback write {@code format} lines ({@code text} or {@code json}), reloading its configuration when it
     * writes the other format. A logback configuration of the operator's own (one without Caravan's text or json appender)
     * is left alone.
     *
     * @throws IllegalStateException for another format
     */
    public static void apply(String format) {
        String wanted = new LogSettings(format).format();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String other = wanted.equals("json") ? "text" : "json";
        if (root.getAppender(wanted) != null || root.getAppender(other) == null) {
            return;
        }
        URL configuration = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (configuration == null) {
            configuration = LogFormat.class.getResource("/logback.xml");
        }
        context.reset();
        context.putProperty(VARIABLE, wanted);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot reload the logging configuration " + configuration, e);
        }
    }
}
