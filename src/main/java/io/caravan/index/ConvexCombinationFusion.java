package io.caravan.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Convex combination of min-max normalised scores: each list's scores are mapped to 0..1 (its best hit 1, its
 * worst listed hit 0), and a chunk's fused score is {@code sum(weight_i * normalised_i)}, a list that does not
 * hold the chunk contributing 0. Unlike {@link ReciprocalRankFusion} it keeps how far apart the scores are, so a
 * clear winner in one list is not flattened to a rank. Pure and thread safe.
 */
public final class ConvexCombinationFusion implements HitFusion {

    private final double[] weights;

    /**
     * @param weights one weight per input list, in list order, each in 0..1, summing to 1
     */
    public ConvexCombinationFusion(List<Double> weights) {
        Objects.requireNonNull(weights, "weights");
        double sum = 0;
        this.weights = new double[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.get(i);
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("weights must be between 0 and 1, was " + w);
            }
            this.weights[i] = w;
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("weights must sum to 1, was " + sum);
        }
    }

    /**
     * Hits are identified by chunk id; a chunk listed twice in one list counts once, at its best score. Ties are
     * broken by chunk id, so the result does not depend on hash order.
     *
     * @throws IllegalArgumentException when the number of lists differs from the number of weights
     */
    @Override
    public List<Hit> fuse(List<List<Hit>> rankedLists, int limit) {
        Objects.requireNonNull(rankedLists, "rankedLists");
        if (rankedLists.size() != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " lists, got " + rankedLists.size());
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than zero, was " + limit);
        }
        Map<String, Hit> hits = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < rankedLists.size(); i++) {
            List<Hit> list = rankedLists.get(i);
            if (list.isEmpty()) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (Hit hit : list) {
                max = Math.max(max, hit.score());
                min = Math.min(min, hit.score());
            }
            double range = max - min;
            Map<String, Double> best = new LinkedHashMap<>();
            for (Hit hit : list) {
                // a list whose hits all score alike gives each of them the full weight
                double normalised = range > 0 ? (hit.score() - min) / range : 1.0;
                best.merge(hit.chunk().chunkId(), normalised, Math::max);
                hits.putIfAbsent(hit.chunk().chunkId(), hit);
            }
            double weight = weights[i];
            best.forEach((id, value) -> scores.merge(id, weight * value, Double::sum));
        }
        List<String> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.comparingDouble((String id) -> scores.get(id)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<Hit> result = new ArrayList<>(Math.min(limit, ranked.size()));
        for (String id : ranked.subList(0, Math.min(limit, ranked.size()))) {
            result.add(hits.get(id).withScore(scores.get(id)));
        }
        return result;
    }
}
