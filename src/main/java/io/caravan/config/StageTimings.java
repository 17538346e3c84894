package io.caravan.config;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures every {@code step} of a route and keeps the milliseconds per step id in an exchange property,
 * so an answer can report its stage timings without timing code in the beans.
 */
public class StageTimings extends EventNotifierSupport {

    /** Exchange property holding {@code Map<String, Long>} of step id to milliseconds. */
    public static final String PROPERTY = "CaravanTimings";
    private static final String STARTED = "CaravanStepStarted.";

    public StageTimings() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(false);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.StepStartedEvent || event instanceof CamelEvent.StepCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.StepStartedEvent started) {
            started.getExchange().setProperty(STARTED + started.getStepId(), System.nanoTime());
        } else if (event instanceof CamelEvent.StepCompletedEvent completed) {
            Exchange exchange = completed.getExchange();
            Long start = exchange.getProperty(STARTED + completed.getStepId(), Long.class);
            if (start != null) {
                timings(exchange).put(completed.getStepId(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> timings(Exchange exchange) {
        return (Map<String, Long>) exchange.getProperties().computeIfAbsent(PROPERTY, k -> new LinkedHashMap<>());
    }
}
