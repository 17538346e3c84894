package io.caravan.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.caravan.answer.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reuses an answer for a question whose embedding is close enough (cosine at least {@code threshold}) to an earlier
 * question's in the same {@link CacheScope}: groups, filters, top-k and generation must match exactly. Not an
 * endpoint of camel-caffeine because a look-up is a nearest-neighbour scan, not a key get; the entries still live in
 * a bounded, expiring Caffeine cache (weighed by entries). Thread safe.
 */
public class SemanticAnswerCache {

    /** A scope holds at most this many questions; the oldest leave first. Bounds the scan of one look-up. */
    static final int MAX_PER_SCOPE = 256;

    private final boolean enabled;
    private final double threshold;
    private final Cache<CacheScope, List<Entry>> byScope;

    private record Entry(float[] vector, Answer answer) {
    }

    /**
     * @param enabled    {@code caravan.cache.semantic.enabled}
     * @param threshold  least cosine similarity for a hit, {@code caravan.cache.semantic.threshold}
     * @param maxEntries questions kept in all
     * @param ttl        how long an answer is served
     */
    public SemanticAnswerCache(boolean enabled, double threshold, long maxEntries, Duration ttl) {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalStateException("caravan.cache.semantic.threshold must be in (0, 1], was " + threshold);
        }
        this.enabled = enabled;
        this.threshold = threshold;
        this.byScope = Caffeine.newBuilder()
                .maximumWeight(maxEntries)
                .<CacheScope, List<Entry>>weigher((scope, entries) -> entries.size())
                .expireAfterWrite(ttl)
                .build();
    }

    /** Whether look-ups are made at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The answer of the closest earlier question in {@code scope} at or above the threshold, or {@code null}. */
    public Answer find(CacheScope scope, float[] vector) {
        if (!enabled || scope == null || vector == null) {
            return null;
        }
        List<Entry> entries = byScope.getIfPresent(scope);
        if (entries == null) {
            return null;
        }
        Entry best = null;
        double bestSimilarity = threshold;
        for (Entry entry : entries) {
            double similarity = cosine(entry.vector(), vector);
            if (similarity >= bestSimilarity) {
                best = entry;
                bestSimilarity = similarity;
            }
        }
        return best == null ? null : best.answer();
    }

    /** Remembers the answer of the question embedded as {@code vector} in {@code scope}. */
    public void store(CacheScope scope, float[] vector, Answer answer) {
        if (!enabled || scope == null || vector == null) {
            return;
        }
        // copy on write: a look-up scans a list nobody changes
        byScope.asMap().compute(scope, (s, entries) -> {
            List<Entry> next = new ArrayList<>(entries == null ? List.of() : entries);
            if (next.size() >= MAX_PER_SCOPE) {
                next.remove(0);
            }
            next.add(new Entry(vector.clone(), answer));
            return List.copyOf(next);
        });
    }

    /** Cosine similarity of two vectors of the same length. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
