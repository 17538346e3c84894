package io.caravan.trace;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.telemetry.Op;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanLifecycleManager;
import org.apache.camel.telemetry.SpanStorageManager;
import org.apache.camel.telemetry.SpanStorageManagerExchange;
import org.apache.camel.telemetry.TagConstants;
import org.apache.camel.telemetry.propagation.CamelHeadersSpanContextPropagationExtractor;

import java.util.Map;

/**
 * Camel's OpenTelemetry tracer (camel-opentelemetry2) with a span per pipeline stage: every {@code step} of a route
 * (retrieve, rerank, generate; parse, chunk, embed, index) becomes a child of its route's span, named by the step,
 * and the spans in it (the LLM call, the embedding endpoint) its children (docs/operations.md#traces). Camel's
 * {@code traceProcessors} would make a span of every processor instead, named {@code <id>-<kind>}, with no way to
 * say what a stage did; here a stage's span carries {@link SpanAttributes}. The exchange also gets its trace id and
 * its innermost span's id as properties ({@link #TRACE_ID}, {@link #SPAN_ID}), for the MDC of JSON log lines.
 *
 * <p>Stage spans live on Camel's own per-exchange span stack ({@link SpanStorageManagerExchange}, which keeps it in an
 * exchange property and holds no state itself), so endpoint spans opened inside a stage nest under it.
 */
public final class StageTracer extends OpenTelemetryTracer {

    /** Exchange property: the exchange's trace id (32 hex digits). */
    public static final String TRACE_ID = "CaravanTraceId";
    /** Exchange property: the id of the exchange's innermost open span (16 hex digits). */
    public static final String SPAN_ID = "CaravanSpanId";
    private static final String SPAN_IDS = "CaravanSpanIds";
    private static final String STAGE_SPAN = "CaravanStageSpan.";
    private static final String COMPONENT = "caravan-stage";

    private final SpanStorageManager spans = new SpanStorageManagerExchange();
    private final StepEvents steps = new StepEvents();

    @Override
    protected void doInit() {
        super.doInit();
        getCamelContext().getManagementStrategy().addEventNotifier(steps);
        ServiceHelper.startService(steps);
    }

    @Override
    protected void doShutdown() {
        getCamelContext().getManagementStrategy().removeEventNotifier(steps);
        ServiceHelper.stopService(steps);
        super.doShutdown();
    }

    @Override
    protected void beginEventSpan(Exchange exchange, Endpoint endpoint, Op op) throws Exception {
        super.beginEventSpan(exchange, endpoint, op);
        Span span = spans.peek(exchange);
        Object url = exchange.getIn().getHeader(Exchange.HTTP_URL);
        if (span != null && url instanceof String text) {
            // the decorators tag the request URL with its query string; /api/search?q= carries a question
            span.setTag(TagConstants.HTTP_URL, SpanAttributes.withoutQuery(text));
        }
        pushIds(exchange);
    }

    @Override
    protected void endEventSpan(Exchange exchange, Endpoint endpoint) throws Exception {
        Span span = spans.peek(exchange);
        if (span != null) {
            tag(span, SpanAttributes.ofEndpoint(endpoint, exchange));
        }
        super.endEventSpan(exchange, endpoint);
        popIds(exchange);
    }

    private void beginStage(Exchange exchange, String stage) {
        Span parent = spans.peek(exchange);
        if (parent == null) {
            // the route is not traced (an excluded endpoint): neither is its stage
            return;
        }
        SpanLifecycleManager lifecycle = getSpanLifecycleManager();
        Span span = lifecycle.create(stage, parent,
                new CamelHeadersSpanContextPropagationExtractor(exchange.getIn().getHeaders()));
        span.setTag(TagConstants.OP, Op.EVENT_PROCESS.toString());
        span.setComponent(COMPONENT);
        lifecycle.activate(span);
        spans.push(exchange, span);
        exchange.setProperty(STAGE_SPAN + stage, span);
        pushIds(exchange);
    }

    private void endStage(Exchange exchange, String stage, boolean failed) {
        Span span = exchange.getProperty(STAGE_SPAN + stage, Span.class);
        if (span == null) {
            return;
        }
        exchange.removeProperty(STAGE_SPAN + stage);
        spans.pull(exchange);
        tag(span, SpanAttributes.ofStage(stage, exchange));
        if (failed) {
            span.setError(true);
            Exception thrown = exchange.getException();
            if (thrown != null) {
                // the type only: a message may quote what the caller sent
                span.log(Map.of("event", "error", "error.kind", thrown.getClass().getName()));
            }
        }
        SpanLifecycleManager lifecycle = getSpanLifecycleManager();
        lifecycle.deactivate(span);
        lifecycle.close(span);
        popIds(exchange);
    }

    private static void tag(Span span, Map<String, String> tags) {
        tags.forEach(span::setTag);
    }

    // Camel's lifecycle manager has just made the new span current on this thread (activate): its context is the
    // only way to the ids, as Camel's span adapter keeps the OpenTelemetry span to itself
    private static void pushIds(Exchange exchange) {
        io.opentelemetry.api.trace.SpanContext current = io.opentelemetry.api.trace.Span.current().getSpanContext();
        if (!current.isValid()) {
            return;
        }
        SpanIds parent = exchange.getProperty(SPAN_IDS, SpanIds.class);
        exchange.setProperty(SPAN_IDS, new SpanIds(current.getSpanId(), parent));
        exchange.setProperty(TRACE_ID, current.getTraceId());
        exchange.setProperty(SPAN_ID, current.getSpanId());
    }

    private static void popIds(Exchange exchange) {
        SpanIds ids = exchange.getProperty(SPAN_IDS, SpanIds.class);
        if (ids == null) {
            return;
        }
        if (ids.parent() == null) {
            exchange.removeProperty(SPAN_IDS);
            exchange.removeProperty(SPAN_ID);
        } else {
            exchange.setProperty(SPAN_IDS, ids.parent());
            exchange.setProperty(SPAN_ID, ids.parent().spanId());
        }
    }

    /**
     * The ids of the exchange's open spans, innermost first; immutable, so a copy of the exchange (a wire tap) shares
     * its parents safely.
     */
    private record SpanIds(String spanId, SpanIds parent) {
    }

    /** Opens a stage's span when its {@code step} starts and closes it when the step is done or failed. */
    private final class StepEvents extends EventNotifierSupport {

        StepEvents() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreExchangeEvents(true);
            setIgnoreStepEvents(false);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.StepEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.StepStartedEvent started) {
                beginStage(started.getExchange(), started.getStepId());
            } else if (event instanceof CamelEvent.StepCompletedEvent completed) {
                endStage(completed.getExchange(), completed.getStepId(), false);
            } else if (event instanceof CamelEvent.StepFailedEvent failed) {
                endStage(failed.getExchange(), failed.getStepId(), true);
            }
        }
    }
}
