package io.caravan.llm;

import io.caravan.config.Settings;
import org.apache.camel.model.Resilience4jConfigurationDefinition;

import java.time.Duration;

/**
 * The Resilience4j settings of the {@code circuitBreaker} around the LLM call ({@code caravan.llm.breaker.*}), bound
 * under {@link #BEAN} for the route's {@code configuration: llmBreaker}.
 */
public final class LlmCircuitBreaker {

    /** The registry name the route refers to. */
    public static final String BEAN = "llmBreaker";

    private LlmCircuitBreaker() {
    }

    /** The breaker's configuration read from {@code settings}. */
    public static Resilience4jConfigurationDefinition configuration(Settings settings) {
        int failureRate = settings.integer("caravan.llm.breaker.failure-rate");
        int windowSize = settings.integer("caravan.llm.breaker.window-size");
        int minimumCalls = settings.integer("caravan.llm.breaker.minimum-calls");
        Duration wait = settings.duration("caravan.llm.breaker.wait");
        if (failureRate < 1 || failureRate > 100) {
            throw new IllegalStateException("caravan.llm.breaker.failure-rate must be 1..100, was " + failureRate);
        }
        if (windowSize < 1 || minimumCalls < 1) {
            throw new IllegalStateException("caravan.llm.breaker.window-size and minimum-calls must be at least 1");
        }
        Resilience4jConfigurationDefinition config = new Resilience4jConfigurationDefinition();
        config.setFailureRateThreshold(Integer.toString(failureRate));
        config.setSlidingWindowType("COUNT_BASED");
        config.setSlidingWindowSize(Integer.toString(windowSize));
        config.setMinimumNumberOfCalls(Integer.toString(minimumCalls));
        // Camel reads this one in whole seconds
        config.setWaitDurationInOpenState(Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        // one trial call after the wait decides: success closes the breaker, failure opens it for another wait
        config.setPermittedNumberOfCallsInHalfOpenState("1");
        // no TimeLimiter: it runs the call on another thread, and the call it gives up on still sets its failure on
        // the exchange when it ends, after the fallback answered (Camel 4.17), turning the answer into a 500. The
        // timeout is caravan.llm.timeout in the chat model's HTTP client and in StreamingAnswerer; a timed-out
        // call throws, so the breaker counts it like any failure
        config.setTimeoutEnabled("false");
        return config;
    }
}
