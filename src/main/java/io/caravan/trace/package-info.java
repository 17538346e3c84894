/**
 * Traces: Camel's OpenTelemetry tracer with one span per pipeline stage, the safe attributes those spans carry, and
 * the OTLP export (docs/operations.md#traces). Wired by {@code config} only when an endpoint is configured.
 */
package io.caravan.trace;
