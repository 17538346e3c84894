package io.caravan.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking metrics as BEIR reports them (pytrec_eval conventions): nDCG@k with linear graded gains and a log2
 * discount, Recall@k and MRR@k. A document is relevant when its judgement is above zero; an unjudged document
 * has relevance 0. Pure and thread safe.
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /**
     * Normalised discounted cumulative gain of the first {@code k} documents: the sum of {@code rel / log2(rank + 1)}
     * divided by the same sum over the ideal ordering of the judgements; 0 when no document is relevant.
     *
     * @param ranking    document ids, best first; a repeated id counts at its first rank only
     * @param judgements graded relevance by document id
     */
    public static double ndcgAt(int k, List<String> ranking, Map<String, Integer> judgements) {
        double dcg = 0;
        int rank = 0;
        for (String docId : firstK(k, ranking)) {
            rank++;
            dcg += gain(judgements.getOrDefault(docId, 0)) / log2(rank + 1);
        }
        List<Integer> ideal = new ArrayList<>(judgements.values());
        ideal.sort((a, b) -> Integer.compare(b, a));
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** The share of the relevant documents found in the first {@code k}; 0 when no document is relevant. */
    public static double recallAt(int k, List<String> ranking, Map<String, Integer> judgements) {
        long relevant = judgements.values().stream().filter(rel -> rel > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = firstK(k, ranking).stream().filter(docId -> judgements.getOrDefault(docId, 0) > 0).count();
        return (double) found / relevant;
    }

    /** One over the rank of the first relevant document in the first {@code k}; 0 when there is none. */
    public static double reciprocalRankAt(int k, List<String> ranking, Map<String, Integer> judgements) {
        int rank = 0;
        for (String docId : firstK(k, ranking)) {
            rank++;
            if (judgements.getOrDefault(docId, 0) > 0) {
                return 1.0 / rank;
            }
        }
        return 0;
    }

    /**
     * nDCG@10, Recall@100 and MRR@10 averaged over the judged queries in {@code queryIds}; a query missing from
     * {@code rankings} (nothing retrieved) counts as 0 for each.
     *
     * @param rankings document ids best first, by query id
     */
    public static Scores evaluate(Collection<String> queryIds, Map<String, List<String>> rankings, Qrels qrels) {
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        for (String queryId : queryIds) {
            List<String> ranking = rankings.getOrDefault(queryId, List.of());
            Map<String, Integer> judgements = qrels.judgements(queryId);
            ndcg += ndcgAt(10, ranking, judgements);
            recall += recallAt(100, ranking, judgements);
            mrr += reciprocalRankAt(10, ranking, judgements);
        }
        int n = queryIds.size();
        return n == 0 ? new Scores(0, 0, 0, 0) : new Scores(ndcg / n, recall / n, mrr / n, n);
    }

    /**
     * Mean scores over a query set.
     *
     * @param ndcgAt10    mean nDCG@10
     * @param recallAt100 mean Recall@100
     * @param mrrAt10     mean reciprocal rank at 10
     * @param queries     how many queries were averaged
     */
    public record Scores(double ndcgAt10, double recallAt100, double mrrAt10, int queries) {
    }

    private static List<String> firstK(int k, List<String> ranking) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be greater than zero, was " + k);
        }
        List<String> first = new ArrayList<>(Math.min(k, ranking.size()));
        Set<String> seen = new HashSet<>();
        for (String docId : ranking) {
            if (first.size() == k) {
                break;
            }
            if (seen.add(docId)) {
                first.add(docId);
            }
        }
        return first;
    }

    private static double gain(int relevance) {
        return Math.max(0, relevance);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
