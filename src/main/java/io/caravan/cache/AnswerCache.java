package io.caravan.cache;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.conversation.Turn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Decides whether and under which key a question's answer is cached; the answers themselves live in the Caffeine
 * cache the {@code caffeine-cache} endpoint of the ask route reads and writes. Thread safe.
 *
 * <p>A follow-up in a conversation (a question with earlier turns) is neither served from nor stored in the cache:
 * its answer depends on the turns (the model reads them), which the key does not hold. The first question of a
 * session has no turns and is cached like any other.
 */
public class AnswerCache {

    private final boolean enabled;
    private final LongSupplier generation;
    private final Counter hits;
    private final Counter misses;

    /**
     * @param enabled    {@code caravan.cache.enabled}
     * @param generation the index generation ({@link io.caravan.index.HybridIndex#generation()})
     * @param meters     where hits and misses are counted ({@code caravan_answer_cache_total{result}})
     */
    public AnswerCache(boolean enabled, LongSupplier generation, MeterRegistry meters) {
        this.enabled = enabled;
        this.generation = generation;
        this.hits = Counter.builder("caravan.answer.cache").tag("result", "hit")
                .description("questions answered from the answer cache, or not (cacheable questions only)")
                .register(meters);
        this.misses = Counter.builder("caravan.answer.cache").tag("result", "miss")
                .description("questions answered from the answer cache, or not (cacheable questions only)")
                .register(meters);
    }

    /**
     * The scope the question's answer is cached in, read before retrieval (a write during the answer then keys
     * later questions to a newer generation), or {@code null} when it must not be cached.
     */
    public CacheScope scope(Question question, List<Turn> history) {
        if (!enabled || (history != null && !history.isEmpty())) {
            return null;
        }
        return CacheScope.of(question, generation.getAsLong());
    }

    /** The exact-cache key of the question in {@code scope}. */
    public String key(Question question, CacheScope scope) {
        return scope.keyFor(QuestionNormalizer.normalise(question.text()));
    }

    /** A cached answer as served to {@code question}: flagged cached, with the question's request id. */
    public Answer served(Answer cached, Question question) {
        hits.increment();
        return cached.asCached(question.requestId());
    }

    /** Counts a cacheable question ({@code scope} not {@code null}) the cache had no answer for. */
    public void missed(CacheScope scope) {
        if (scope != null) {
            misses.increment();
        }
    }

    /**
     * Whether {@code answer} may be stored under {@code key}: the question had a cache key, and the answer was made
     * for it (never one that came from the cache itself), and not as a fallback for a failed LLM ({@code degraded}:
     * the next question should try the model again).
     */
    public boolean storable(String key, Answer answer) {
        return enabled && key != null && !answer.cached() && !answer.degraded();
    }
}
