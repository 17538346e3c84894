package io.caravan.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Serves a repeated question's answer from memory: a bounded, expiring Caffeine cache keyed by the normalised question
 * within its {@link CacheScope} (the caller's groups, filters, top-k and the index generation). Thread safe.
 *
 * <p>A follow-up in a conversation (a question with earlier turns) is neither served from nor stored in the cache:
 * its answer depends on the turns (the model reads them), which the key does not hold. The first question of a
 * session has no turns and is cached like any other. There is no semantic cache (an answer reused for a question
 * whose embedding is close): docs/benchmarks.md#semantic-answer-cache has the measurement that found it unsafe.
 */
public class AnswerCache {

    private final boolean enabled;
    private final LongSupplier generation;
    private final Cache<String, Answer> answers;
    private final Counter hits;
    private final Counter misses;

    /**
     * @param enabled    {@code caravan.cache.enabled}
     * @param maxEntries answers kept at most, {@code caravan.cache.max-entries}
     * @param ttl        how long an answer is served at most, {@code caravan.cache.ttl}
     * @param generation the index generation ({@link io.caravan.index.HybridIndex#generation()})
     * @param meters     where hits and misses are counted ({@code caravan_answer_cache_total{result}})
     */
    public AnswerCache(boolean enabled, long maxEntries, Duration ttl, LongSupplier generation, MeterRegistry meters) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("caravan.cache.max-entries must be at least 1, was " + maxEntries);
        }
        this.enabled = enabled;
        this.generation = generation;
        this.answers = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("caravan.answer.cache").tag("result", result)
                .description("questions answered from the answer cache, or not (cacheable questions only)")
                .register(meters);
    }

    /**
     * The key the question's answer is cached under, or {@code null} when it must not be cached (cache off, a
     * follow-up). Read before retrieval, so a write during the answer keys later questions to a newer generation.
     */
    public String key(Question question, List<Turn> history) {
        if (!enabled || (history != null && !history.isEmpty())) {
            return null;
        }
        return CacheScope.of(question, generation.getAsLong())
                .keyFor(QuestionNormalizer.normalise(question.text()));
    }

    /**
     * The answer cached under {@code key} as served to {@code question} (flagged cached, with the question's request
     * id, no timings), or {@code null} when there is none or the question has no key.
     */
    public Answer get(String key, Question question) {
        if (key == null) {
            return null;
        }
        Answer cached = answers.getIfPresent(key);
        if (cached == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        return cached.asCached(question.requestId());
    }

    /**
     * Stores {@code answer} under {@code key} when it may be served again: the question had a key, and the answer was
     * made for it (never one from the cache) and not as a fallback for a failed LLM ({@code degraded}: the next
     * question should try the model again).
     */
    public void put(String key, Answer answer) {
        if (key != null && !answer.cached() && !answer.degraded()) {
            answers.put(key, answer);
        }
    }
}
