package io.caravan.config;

import io.caravan.metrics.LatencyBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures every {@code step} of a route and keeps the milliseconds per step id in an exchange property,
 * so an answer can report its stage timings without timing code in the beans; each is also recorded in
 * {@code caravan_stage_seconds{stage}} (docs/operations.md#metrics). The step ids are the stages of the answer and
 * ingestion pipelines (retrieve, rerank, generate, parse, chunk, embed, index, ...), a closed set.
 */
public class StageTimings extends EventNotifierSupport {

    /** Exchange property holding {@code Map<String, Long>} of step id to milliseconds. */
    public static final String PROPERTY = "CaravanTimings";
    private static final String STARTED = "CaravanStepStarted.";

    private final MeterRegistry meters;

    public StageTimings(MeterRegistry meters) {
        this.meters = meters;
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
                long nanos = System.nanoTime() - start;
                timings(exchange).put(completed.getStepId(), nanos / 1_000_000);
                LatencyBuckets.histogram(Timer.builder("caravan.stage")
                                .description("time spent in each stage of the answer and ingestion pipelines"))
                        .tag("stage", completed.getStepId())
                        .register(meters)
                        .record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> timings(Exchange exchange) {
        return (Map<String, Long>) exchange.getProperties().computeIfAbsent(PROPERTY, k -> new LinkedHashMap<>());
    }
}
