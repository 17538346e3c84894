package io.caravan.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK that ends Caravan's spans in an OTLP/HTTP collector: service {@code caravan} and this
 * instance's id as the resource, a parent-based ratio sampler, spans exported in batches in the background. Built
 * explicitly rather than from {@code OTEL_*} variables (the SDK's autoconfigure), so {@code caravan.tracing.*} is the
 * one place traces are configured; nothing is registered globally. Thread safe.
 */
public final class OtlpTracing implements AutoCloseable {

    /** The {@code service.name} of every span. */
    public static final String SERVICE_NAME = "caravan";
    private static final String SCOPE = "io.caravan";

    private final SdkTracerProvider provider;
    private final ContextPropagators propagators;

    private OtlpTracing(SdkTracerProvider provider, ContextPropagators propagators) {
        this.provider = provider;
        this.propagators = propagators;
    }

    /**
     * Starts exporting to {@code tracesUrl} (the collector's {@code /v1/traces}).
     *
     * @param instanceId  this process's {@code service.instance.id}
     * @param sampleRatio the share of new traces kept, 0..1
     */
    public static OtlpTracing start(URI tracesUrl, String instanceId, double sampleRatio) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME,
                AttributeKey.stringKey("service.instance.id"), instanceId)));
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl.toString()).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio)))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        // W3C trace context and baggage: a caller's traceparent (HTTP header, JMS property) continues its trace
        ContextPropagators propagators = ContextPropagators.create(TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
        return new OtlpTracing(provider, propagators);
    }

    /** The tracer Camel's spans are made with. */
    public Tracer tracer() {
        return provider.get(SCOPE);
    }

    /** How trace context is read from and written to messages. */
    public ContextPropagators propagators() {
        return propagators;
    }

    /** Exports the spans still waiting and stops the exporter. */
    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
