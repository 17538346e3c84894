package io.caravan.metrics;

import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The histogram buckets of Caravan's latency timers (docs/operations.md#metrics): one fixed set from 5 ms to 2 min,
 * so that Prometheus' {@code histogram_quantile} gives p50/p95 per stage and channel with 14 series per timer, not
 * the ~70 of Micrometer's generated percentile histogram.
 */
public final class LatencyBuckets {

    private static final Duration[] BOUNDS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private LatencyBuckets() {
    }

    /** {@code timer} with Caravan's latency buckets. */
    public static Timer.Builder histogram(Timer.Builder timer) {
        return timer.serviceLevelObjectives(BOUNDS);
    }
}
