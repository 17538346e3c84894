package io.caravan.index;

import java.util.Objects;

/**
 * How every engine ranks: BM25 parameters, the title's weight, candidates per list and the hybrid fusion.
 * {@link #defaults()} ranks alike on Lucene and on Elasticsearch.
 *
 * @param bm25K1               BM25 term-frequency saturation; Lucene applies it when searching, Elasticsearch fixes
 *                             it when the index is created
 * @param bm25B                BM25 length normalisation, 0..1; applied like {@code bm25K1}
 * @param titleBoost           weight of a query term found in the title relative to one found in the content
 * @param candidatesMultiplier each ranked list fetches {@code limit * candidatesMultiplier} candidates; more
 *                             candidates improve HNSW recall and let hybrid fusion reward chunks both lists rank
 *                             moderately, at the cost of latency
 * @param fusion               combines the BM25 and dense lists in hybrid mode (search time)
 */
public record RankingOptions(float bm25K1, float bm25B, float titleBoost, int candidatesMultiplier,
                             HitFusion fusion) {
    public RankingOptions {
        Objects.requireNonNull(fusion, "fusion");
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
    }

    /**
     * BM25 k1 = 1.2 and b = 0.75 (both engines' own defaults), title terms at half weight, twice the candidates,
     * RRF with k = 60.
     */
    public static RankingOptions defaults() {
        return new RankingOptions(1.2f, 0.75f, 0.5f, 2, HitFusion.reciprocalRank(ReciprocalRankFusion.DEFAULT_K));
    }

    /** These options with other BM25 parameters. */
    public RankingOptions withBm25(float k1, float b) {
        return new RankingOptions(k1, b, titleBoost, candidatesMultiplier, fusion);
    }

    /** These options with another title weight. */
    public RankingOptions withTitleBoost(float boost) {
        return new RankingOptions(bm25K1, bm25B, boost, candidatesMultiplier, fusion);
    }

    /** These options with another hybrid fusion. */
    public RankingOptions withFusion(HitFusion newFusion) {
        return new RankingOptions(bm25K1, bm25B, titleBoost, candidatesMultiplier, newFusion);
    }
}
