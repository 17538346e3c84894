package io.caravan.llm;

import io.caravan.config.Settings;
import org.apache.camel.model.Resilience4jConfigurationDefinition;

import java.time.Duration;

/**
 * The Resilience4j settings of the {@code circuitBreaker} around the LLM call ({@code caravan.llm.breaker.*} and
 * {@code caravan.llm.timeout}), bound under {@link #BEAN} for the route's {@code configuration: llmBreaker}.
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
        Duration timeout = settings.duration("caravan.llm.timeout");
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
        // bounds the whole call, also where the HTTP client's own timeout would not (a server trickling bytes)
        config.setTimeoutEnabled("true");
        config.setTimeoutDuration(Long.toString(timeout.toMillis()));
        return config;
    }
}
