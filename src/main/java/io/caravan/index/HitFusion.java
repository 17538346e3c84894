package io.caravan.index;

import java.util.List;

/**
 * Combines the ranked lists of a hybrid search (the lexical list first, then the dense one) into one list. Engine
 * neutral: every {@link HybridIndex} fuses through one of these. Implementations are pure and thread safe.
 */
@FunctionalInterface
public interface HitFusion {

    /**
     * @param rankedLists lists ordered best first: BM25 first, then dense
     * @param limit       how many hits to return, greater than 0
     * @return at most {@code limit} hits, best first, carrying the fused score
     */
    List<Hit> fuse(List<List<Hit>> rankedLists, int limit);

    /** Reciprocal rank fusion with rank constant {@code k}. */
    static HitFusion reciprocalRank(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, was " + k);
        }
        return (lists, limit) -> ReciprocalRankFusion.fuse(lists, k, limit);
    }

    /** Min-max normalised convex combination, {@code denseWeight} on the dense list and the rest on BM25. */
    static HitFusion convex(double denseWeight) {
        return new ConvexCombinationFusion(List.of(1 - denseWeight, denseWeight));
    }
}
