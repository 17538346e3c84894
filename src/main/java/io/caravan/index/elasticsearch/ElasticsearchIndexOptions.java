package io.caravan.index.elasticsearch;

import io.caravan.index.HitFusion;
import io.caravan.index.ReciprocalRankFusion;
import java.util.Objects;

/**
 * Tuning of an {@link ElasticsearchHybridIndex}; {@link #defaults()} works on a minimal node.
 *
 * @param analyzer             built-in analyzer of {@code content} and the title text ({@code standard}, or a
 *                             language analyzer such as {@code english} where the node has the analysis-common
 *                             module); fixed when the index is created, so changing it needs a re-index
 * @param bm25K1               BM25 term-frequency saturation, fixed when the index is created
 * @param bm25B                BM25 length normalisation 0..1, fixed when the index is created
 * @param titleBoost           weight of a query term found in the title relative to one found in the content
 * @param candidatesMultiplier each ranked list fetches {@code limit * candidatesMultiplier} candidates (as Lucene)
 * @param fusion               combines the BM25 and dense lists in hybrid mode
 * @param maxBulkOperations    operations per Bulk request; a larger write is sent as several, made visible together
 * @param maxRetries           attempts after the first for bulk items the node answered 429 or 5xx
 */
public record ElasticsearchIndexOptions(String analyzer, float bm25K1, float bm25B, float titleBoost,
                                        int candidatesMultiplier, HitFusion fusion, int maxBulkOperations,
                                        int maxRetries) {
    public ElasticsearchIndexOptions {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(fusion, "fusion");
        if (analyzer.isBlank()) {
            throw new IllegalArgumentException("analyzer must name an analyzer");
        }
        if (bm25K1 < 0 || !Float.isFinite(bm25K1)) {
            throw new IllegalArgumentException("bm25K1 must be a finite number >= 0, was " + bm25K1);
        }
        if (bm25B < 0 || bm25B > 1) {
            throw new IllegalArgumentException("bm25B must be between 0 and 1, was " + bm25B);
        }
        if (titleBoost < 0 || !Float.isFinite(titleBoost)) {
            throw new IllegalArgumentException("titleBoost must be a finite number >= 0, was " + titleBoost);
        }
        if (candidatesMultiplier < 1) {
            throw new IllegalArgumentException("candidatesMultiplier must be at least 1, was " + candidatesMultiplier);
        }
        if (maxBulkOperations < 1) {
            throw new IllegalArgumentException("maxBulkOperations must be at least 1, was " + maxBulkOperations);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, was " + maxRetries);
        }
    }

    /**
     * The standard analyzer (present on every node), BM25 k1 = 1.2 and b = 0.75, title terms at half weight, twice
     * the candidates, RRF with k = 60, 1000 operations per bulk, 5 retries: the same ranking as the Lucene defaults.
     */
    public static ElasticsearchIndexOptions defaults() {
        return new ElasticsearchIndexOptions("standard", 1.2f, 0.75f, 0.5f, 2,
                HitFusion.reciprocalRank(ReciprocalRankFusion.DEFAULT_K), 1000, 5);
    }

    /** These options with another analyzer. */
    public ElasticsearchIndexOptions withAnalyzer(String newAnalyzer) {
        return new ElasticsearchIndexOptions(newAnalyzer, bm25K1, bm25B, titleBoost, candidatesMultiplier, fusion,
                maxBulkOperations, maxRetries);
    }

    /** These options with other BM25 parameters (they apply to indices created from then on). */
    public ElasticsearchIndexOptions withBm25(float k1, float b) {
        return new ElasticsearchIndexOptions(analyzer, k1, b, titleBoost, candidatesMultiplier, fusion,
                maxBulkOperations, maxRetries);
    }

    /** These options with another title weight (search time). */
    public ElasticsearchIndexOptions withTitleBoost(float boost) {
        return new ElasticsearchIndexOptions(analyzer, bm25K1, bm25B, boost, candidatesMultiplier, fusion,
                maxBulkOperations, maxRetries);
    }

    /** These options with another hybrid fusion (search time). */
    public ElasticsearchIndexOptions withFusion(HitFusion newFusion) {
        return new ElasticsearchIndexOptions(analyzer, bm25K1, bm25B, titleBoost, candidatesMultiplier, newFusion,
                maxBulkOperations, maxRetries);
    }
}
