package io.caravan.answer;

import io.caravan.index.Hit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * The answer when the LLM fails, times out or its circuit breaker is open: the extractive answer, flagged
 * {@code degraded}. Logs the reason and counts it ({@code caravan.llm.fallbacks}, tagged {@code reason}: open,
 * timeout or error). Thread safe.
 */
public final class LlmFallback {

    /** The counter's name ({@code caravan_llm_fallbacks_total} on /metrics). */
    public static final String METER = "caravan.llm.fallbacks";

    private static final Logger LOG = LoggerFactory.getLogger(LlmFallback.class);

    private final ExtractiveAnswerGenerator extractive;
    private final MeterRegistry registry;

    public LlmFallback(ExtractiveAnswerGenerator extractive, MeterRegistry registry) {
        this.extractive = extractive;
        this.registry = registry;
        // every reason exported from the start at zero, so a dashboard's rate() has a series before the first
        // fallback (docs/operations.md#metrics)
        for (String reason : List.of("open", "timeout", "error")) {
            counter(reason);
        }
    }

    private Counter counter(String reason) {
        return Counter.builder(METER).description("answers that fell back to extractive because the LLM failed")
                .tag("reason", reason).register(registry);
    }

    /**
     * The degraded answer to {@code question} from {@code passages}.
     *
     * @param failure what the LLM call failed with, or {@code null} when the open breaker refused the call (a call
     *                that never ran leaves no exception on the exchange)
     */
    public Answer answer(Question question, List<Hit> passages, Throwable failure) {
        String reason = failure == null ? "open" : reasonOf(failure);
        LOG.warn("LLM unavailable, answering extractively requestId={} reason={} cause=\"{}\"", question.requestId(),
                reason, describe(failure));
        LOG.debug("LLM failure requestId={}", question.requestId(), failure);
        counter(reason).increment();
        return extractive.generate(question, passages).asDegraded();
    }

    /** {@code open} (the breaker refused the call), {@code timeout} or {@code error}. */
    static String reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (name.equals("callnotpermittedexception")) {
                return "open";
            }
            // Resilience4j's TimeLimiter, the JDK HTTP client and langchain4j each have a TimeoutException
            if (name.contains("timeout") || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
        }
        return "error";
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "the circuit breaker is open";
        }
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
