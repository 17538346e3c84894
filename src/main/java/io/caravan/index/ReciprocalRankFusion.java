package io.caravan.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reciprocal rank fusion (Cormack et al., 2009) of ranked hit lists, shared by every {@link HybridIndex} engine.
 * A chunk's fused score is the sum over the lists containing it of {@code 1 / (k + rank)}, ranks counted from 1;
 * the scores of the input lists are ignored, so lists from unrelated rankers (BM25, cosine) combine without tuning.
 * Pure and thread safe.
 */
public final class ReciprocalRankFusion {

    /** The usual constant from the paper; it damps the weight of the very first ranks. */
    public static final int DEFAULT_K = 60;

    private ReciprocalRankFusion() {
    }

    /**
     * Fuses ranked lists into one list of at most {@code limit} hits, best first, scored by RRF.
     * Hits are identified by chunk id; a chunk listed twice in one list counts once, at its best rank.
     * Ties are broken by the best single rank the chunk reached in any list, then by chunk id, so the
     * result does not depend on hash order or on the order of the input lists.
     *
     * @param rankedLists lists ordered best first
     * @param k           rank constant, at least 0
     * @param limit       how many hits to return, greater than 0
     */
    public static List<Hit> fuse(List<List<Hit>> rankedLists, int k, int limit) {
        Objects.requireNonNull(rankedLists, "rankedLists");
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, was " + k);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than zero, was " + limit);
        }
        Map<String, Fused> byChunkId = new LinkedHashMap<>();
        for (List<Hit> list : rankedLists) {
            Map<String, Boolean> seenInList = new LinkedHashMap<>();
            int rank = 0;
            for (Hit hit : list) {
                rank++;
                String chunkId = hit.chunk().chunkId();
                if (seenInList.putIfAbsent(chunkId, Boolean.TRUE) != null) {
                    continue;
                }
                Fused fused = byChunkId.computeIfAbsent(chunkId, id -> new Fused(hit));
                fused.add(rank, k);
            }
        }
        List<Fused> ranked = new ArrayList<>(byChunkId.values());
        ranked.sort(Comparator.comparingDouble((Fused f) -> f.score).reversed()
                .thenComparingInt(f -> f.bestRank)
                .thenComparing(f -> f.hit.chunk().chunkId()));
        List<Hit> result = new ArrayList<>(Math.min(limit, ranked.size()));
        for (Fused fused : ranked.subList(0, Math.min(limit, ranked.size()))) {
            result.add(fused.hit.withScore(fused.score));
        }
        return result;
    }

    /** Running sum for one chunk; the first hit seen supplies the chunk. */
    private static final class Fused {
        private final Hit hit;
        private double score;
        private int bestRank = Integer.MAX_VALUE;

        private Fused(Hit hit) {
            this.hit = hit;
        }

        private void add(int rank, int k) {
            score += 1.0 / (k + rank);
            bestRank = Math.min(bestRank, rank);
        }
    }
}
