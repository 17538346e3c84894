package io.caravan.llm;

import java.time.Duration;

/**
 * The circuit breaker around the LLM call, {@code caravan.llm.breaker.*}.
 *
 * @param failureRate  percentage of failed calls in the window that opens the breaker, 1..100
 * @param windowSize   calls the failure rate is measured over
 * @param minimumCalls calls before the failure rate counts
 * @param openWait     how long an open breaker stays open before one trial call
 */
public record BreakerSettings(int failureRate, int windowSize, int minimumCalls, Duration openWait) {

    public BreakerSettings {
        if (failureRate < 1 || failureRate > 100) {
            throw new IllegalStateException("caravan.llm.breaker.failure-rate must be 1..100, was " + failureRate);
        }
        if (windowSize < 1 || minimumCalls < 1) {
            throw new IllegalStateException("caravan.llm.breaker.window-size and minimum-calls must be at least 1");
        }
    }
}
