package io.caravan.config;

import java.net.URI;

/**
 * Traces, {@code caravan.tracing.*} (docs/operations.md#traces): where spans go over OTLP/HTTP, and how many traces
 * are kept. Without an endpoint nothing is installed: no tracer, no exporter, no span.
 *
 * @param otlpEndpoint the collector's OTLP/HTTP traces URL ({@code http://collector:4318/v1/traces}), or
 *                     {@code null} for tracing off
 * @param sampleRatio  the share of traces kept, 0..1 (a trace continued from a caller follows the caller's choice)
 */
public record TracingSettings(URI otlpEndpoint, double sampleRatio) {

    /** The path OTLP/HTTP serves traces on, added to an endpoint given without one (the collector's base URL). */
    static final String TRACES_PATH = "/v1/traces";

    public TracingSettings {
        if (otlpEndpoint != null && (otlpEndpoint.getHost() == null
                || !("http".equals(otlpEndpoint.getScheme()) || "https".equals(otlpEndpoint.getScheme())))) {
            throw new IllegalStateException("caravan.tracing.otlp-endpoint must be an http(s) URL such as "
                    + "http://localhost:4318/v1/traces, was " + otlpEndpoint);
        }
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalStateException("caravan.tracing.sample-ratio must be between 0 and 1, was " + sampleRatio);
        }
    }

    /** Whether spans are made and exported. */
    public boolean enabled() {
        return otlpEndpoint != null;
    }

    static TracingSettings read(Settings settings) {
        String endpoint = settings.optional("caravan.tracing.otlp-endpoint");
        return new TracingSettings(endpoint == null ? null : tracesUrl(endpoint),
                settings.decimal("caravan.tracing.sample-ratio"));
    }

    // collectors are usually named by their base URL (OTEL_EXPORTER_OTLP_ENDPOINT's form); the exporter wants the
    // signal's own path
    private static URI tracesUrl(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caravan.tracing.otlp-endpoint must be an http(s) URL such as "
                    + "http://localhost:4318/v1/traces, was '" + endpoint + "'");
        }
        String path = uri.getPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? URI.create(endpoint.replaceAll("/+$", "") + TRACES_PATH) : uri;
    }
}
