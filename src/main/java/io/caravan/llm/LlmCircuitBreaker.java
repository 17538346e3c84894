package io.caravan.llm;

import org.apache.camel.model.Resilience4jConfigurationDefinition;

/**
 * The Resilience4j settings of the {@code circuitBreaker} around the LLM call ({@code caravan.llm.breaker.*}), bound
 * under {@link #BEAN} for the route's {@code configuration: llmBreaker}.
 */
public final class LlmCircuitBreaker {

    /** The registry name the route refers to. */
    public static final String BEAN = "llmBreaker";

    private LlmCircuitBreaker() {
    }

    /** The breaker's configuration as the route's {@code circuitBreaker} reads it. */
    public static Resilience4jConfigurationDefinition configuration(BreakerSettings settings) {
        Resilience4jConfigurationDefinition config = new Resilience4jConfigurationDefinition();
        config.setFailureRateThreshold(Integer.toString(settings.failureRate()));
        config.setSlidingWindowType("COUNT_BASED");
        config.setSlidingWindowSize(Integer.toString(settings.windowSize()));
        config.setMinimumNumberOfCalls(Integer.toString(settings.minimumCalls()));
        // Camel reads this one in whole seconds
        config.setWaitDurationInOpenState(Long.toString(Math.max(1, (settings.openWait().toMillis() + 999) / 1000)));
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
