package io.caravan.throttle;

import io.caravan.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Caps the language model calls in flight at {@code maxConcurrent}: a call waits at most {@code queueTimeout} for a
 * free slot, then the question is refused with a 503. A Resilience4j semaphore {@link Bulkhead}. Without a language
 * model ({@code caravan.llm.provider=none}) every call passes. Thread safe.
 *
 * <p>The {@code generate-llm} route takes a permit per request id right before it calls the model (a question answered
 * without the model never waits for one) and gives it back in a {@code doFinally}, so a failed generation frees its
 * slot too.
 */
public class LlmPermits {

    private final boolean enabled;
    private final Duration queueTimeout;
    private final Bulkhead bulkhead;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Timer acquired;
    private final Timer timedOut;

    /**
     * @param enabled       whether a language model is configured
     * @param maxConcurrent {@code caravan.llm.max-concurrent}
     * @param queueTimeout  {@code caravan.llm.queue-timeout}
     */
    public LlmPermits(boolean enabled, int maxConcurrent, Duration queueTimeout) {
        this(enabled, maxConcurrent, queueTimeout, new SimpleMeterRegistry());
    }

    /**
     * @param meters where the waits for a slot are timed, {@code caravan_llm_permit_wait_seconds{outcome}}
     *               ({@code acquired} or {@code timeout}), and the free slots shown, {@code caravan_llm_permits_available}
     *               (docs/operations.md#metrics)
     */
    public LlmPermits(boolean enabled, int maxConcurrent, Duration queueTimeout, MeterRegistry meters) {
        if (maxConcurrent < 1) {
            throw new IllegalStateException("caravan.llm.max-concurrent must be at least 1, was " + maxConcurrent);
        }
        this.enabled = enabled;
        this.queueTimeout = queueTimeout;
        this.bulkhead = Bulkhead.of("llm", BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(queueTimeout)
                .build());
        this.acquired = waits(meters, "acquired");
        this.timedOut = waits(meters, "timeout");
        Gauge.builder("caravan.llm.permits.available", this, LlmPermits::available)
                .description("language model slots free now (caravan.llm.max-concurrent)")
                .strongReference(true).register(meters);
    }

    private static Timer waits(MeterRegistry meters, String outcome) {
        return LatencyBuckets.histogram(Timer.builder("caravan.llm.permit.wait")
                        .description("time a language model call waited for a slot, by whether it got one"))
                .tag("outcome", outcome).register(meters);
    }

    // takes a slot, waiting up to the queue timeout, and times the wait
    private boolean tryAcquire() {
        long start = System.nanoTime();
        boolean got = bulkhead.tryAcquirePermission();
        (got ? acquired : timedOut).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return got;
    }

    /**
     * Takes a slot for request {@code requestId}, waiting up to the queue timeout.
     *
     * @throws RetryLaterException 503 when no slot freed up in time
     */
    public void acquire(String requestId) {
        if (!enabled || held.contains(requestId)) {
            return;
        }
        if (!tryAcquire()) {
            throw busy();
        }
        held.add(requestId);
    }

    /** Gives back the slot of {@code requestId}; a no-op when it holds none. */
    public void release(String requestId) {
        if (requestId != null && held.remove(requestId)) {
            bulkhead.onComplete();
        }
    }

    /**
     * Runs one language model call of Caravan's own (condensing, query variants) in a slot.
     *
     * @throws RetryLaterException 503 when no slot freed up in time (the callers fall back)
     */
    public <T> T withPermit(Supplier<T> call) {
        if (!enabled) {
            return call.get();
        }
        if (!tryAcquire()) {
            throw busy();
        }
        try {
            return call.get();
        } finally {
            bulkhead.onComplete();
        }
    }

    /** Slots free now. */
    public int available() {
        return bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    private RetryLaterException busy() {
        return new RetryLaterException(503, "llm_busy", "every language model slot is busy "
                + "(caravan.llm.max-concurrent); waited " + queueTimeout.toMillis() + " ms",
                Math.max(1, queueTimeout.toSeconds()));
    }
}
