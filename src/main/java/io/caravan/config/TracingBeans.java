package io.caravan.config;

import io.caravan.trace.OtlpTracing;
import io.caravan.trace.StageTracer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Traces (docs/operations.md#traces): with {@code caravan.tracing.otlp-endpoint} set, Camel's OpenTelemetry tracer
 * with stage spans ({@link StageTracer}) on an SDK exporting over OTLP/HTTP ({@link OtlpTracing}); without it,
 * nothing at all, so tracing off costs nothing. Installed before the routes are built, as Camel's tracer adds a
 * route policy to each.
 */
final class TracingBeans {

    /**
     * Endpoints left out of traces: probes and scrapes every few seconds, and the share's periodic reconciliation,
     * would bury the questions and documents. A consumer and the {@code direct:} route it calls both go, or the
     * second would start a trace of its own.
     */
    static final String EXCLUDED = "rest://get:/api:/health*,direct://http-health*,rest://get:/metrics*,"
            + "direct://http-metrics*,timer://*";

    private static final Logger LOG = LoggerFactory.getLogger(TracingBeans.class);

    private TracingBeans() {
    }

    static void bind(CamelContext context, TracingSettings tracing) throws Exception {
        if (!tracing.enabled()) {
            return;
        }
        OtlpTracing otel = OtlpTracing.start(tracing.otlpEndpoint(), instanceId(), tracing.sampleRatio());
        // Camel's tracer takes the tracer and propagators it finds in the registry (one of each)
        context.getRegistry().bind("caravanTracer", otel.tracer());
        context.getRegistry().bind("caravanTracePropagators", otel.propagators());
        // stopped after the routes, so the spans of the last exchanges are exported
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                otel.close();
            }
        }, true, true);
        StageTracer tracer = new StageTracer();
        tracer.setExcludePatterns(EXCLUDED);
        tracer.init(context);
        LOG.info("traces exported over OTLP/HTTP to {} (sample ratio {})", tracing.otlpEndpoint(),
                tracing.sampleRatio());
    }

    // the host (the pod's name on Kubernetes) and the process: one id per running Caravan
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
