package io.caravan.answer;

import java.util.List;
import java.util.Map;

/**
 * The reply to a {@link Question}, the same on every channel (docs/architecture.md#channels).
 *
 * @param answer    the answer text with {@code [n]} citations
 * @param citations the passages the answer cites
 * @param mode      {@code llm} or {@code extractive}
 * @param degraded  whether the LLM was configured but failed (or its circuit breaker was open), so the answer is
 *                  the extractive fallback
 * @param cached    whether the answer came from the cache
 * @param requestId the question's request id
 * @param timings   milliseconds per stage
 */
public record Answer(String answer, List<Citation> citations, String mode, boolean degraded, boolean cached,
                     String requestId, Map<String, Long> timings) {
    public Answer {
        citations = List.copyOf(citations);
        timings = timings == null ? Map.of() : Map.copyOf(timings);
    }

    /** This answer served again from the cache to the question {@code requestId}: flagged cached, no timings yet. */
    public Answer asCached(String forRequestId) {
        return new Answer(answer, citations, mode, degraded, true, forRequestId, Map.of());
    }

    /** The same answer with stage timings attached. */
    public Answer withTimings(Map<String, Long> stageTimings) {
        return new Answer(answer, citations, mode, degraded, cached, requestId, stageTimings);
    }

    /** The documents the answer cites, each once, in citation order (the audit log records them). */
    public List<String> citedDocIds() {
        return citations.stream().map(Citation::docId).distinct().toList();
    }

    /** The same answer flagged as the fallback for a failed LLM. */
    public Answer asDegraded() {
        return new Answer(answer, citations, mode, true, cached, requestId, timings);
    }
}
