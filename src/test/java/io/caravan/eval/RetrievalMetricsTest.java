package io.caravan.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {

    private static final double EPS = 1e-9;

    @Test
    void should_score_a_relevant_document_at_rank_one_as_perfect() {
        // given
        List<String> ranking = List.of("a", "x", "y");
        Map<String, Integer> judgements = Map.of("a", 1);

        // when / then
        assertThat(RetrievalMetrics.ndcgAt(10, ranking, judgements)).isCloseTo(1.0, within(EPS));
        assertThat(RetrievalMetrics.recallAt(100, ranking, judgements)).isCloseTo(1.0, within(EPS));
        assertThat(RetrievalMetrics.reciprocalRankAt(10, ranking, judgements)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void should_use_linear_graded_gains_and_a_log2_discount() {
        // given: a=2 and b=1 are relevant, c is judged not relevant, x is not judged
        List<String> ranking = List.of("x", "b", "a", "c");
        Map<String, Integer> judgements = Map.of("a", 2, "b", 1, "c", 0);

        // when
        double ndcg = RetrievalMetrics.ndcgAt(10, ranking, judgements);

        // then: DCG = 0/log2(2) + 1/log2(3) + 2/log2(4) = 1.6309297535714575,
        //       IDCG = 2/log2(2) + 1/log2(3) = 2.6309297535714578 (with 2^rel-1 gains it would be 0.5869)
        assertThat(ndcg).isCloseTo(0.6199062332840657, within(EPS));
        assertThat(RetrievalMetrics.reciprocalRankAt(10, ranking, judgements)).isCloseTo(0.5, within(EPS));
        assertThat(RetrievalMetrics.recallAt(100, ranking, judgements)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void should_count_only_the_first_k_documents() {
        // given: the only relevant document is at rank 11
        List<String> ranking = List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "r");
        Map<String, Integer> judgements = Map.of("r", 1);

        // when / then
        assertThat(RetrievalMetrics.ndcgAt(10, ranking, judgements)).isZero();
        assertThat(RetrievalMetrics.reciprocalRankAt(10, ranking, judgements)).isZero();
        assertThat(RetrievalMetrics.recallAt(100, ranking, judgements)).isCloseTo(1.0, within(EPS));
        assertThat(RetrievalMetrics.recallAt(10, ranking, judgements)).isZero();
    }

    @Test
    void should_give_partial_recall_and_cap_the_ideal_ranking_at_k() {
        // given: three relevant documents, one found at rank 2 of k=1..2
        List<String> ranking = List.of("x", "a");
        Map<String, Integer> judgements = Map.of("a", 1, "b", 1, "c", 1);

        // when
        double recall = RetrievalMetrics.recallAt(100, ranking, judgements);
        double ndcgAt2 = RetrievalMetrics.ndcgAt(2, ranking, judgements);

        // then: recall 1/3; DCG@2 = 1/log2(3) = 0.6309297535714575, IDCG@2 = 1 + 1/log2(3) = 1.6309297535714575
        assertThat(recall).isCloseTo(1.0 / 3, within(EPS));
        assertThat(ndcgAt2).isCloseTo(0.6309297535714575 / 1.6309297535714575, within(EPS));
    }

    @Test
    void should_count_a_repeated_document_once() {
        // given
        List<String> ranking = List.of("x", "x", "a");
        Map<String, Integer> judgements = Map.of("a", 1);

        // when / then: a is at rank 2, not 3
        assertThat(RetrievalMetrics.reciprocalRankAt(10, ranking, judgements)).isCloseTo(0.5, within(EPS));
        assertThat(RetrievalMetrics.reciprocalRankAt(2, ranking, judgements)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void should_score_a_query_with_no_hits_as_zero__and_average_it_in() {
        // given: q1 is answered perfectly, q2 retrieved nothing, q3 is missing from the run
        Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
        judged.put("q1", Map.of("a", 1));
        judged.put("q2", Map.of("b", 2));
        judged.put("q3", Map.of("c", 1));
        Qrels qrels = new Qrels(judged);
        Map<String, List<String>> rankings = Map.of("q1", List.of("a", "b"), "q2", List.of());

        // when
        RetrievalMetrics.Scores scores = RetrievalMetrics.evaluate(qrels.queryIds(), rankings, qrels);

        // then
        assertThat(RetrievalMetrics.ndcgAt(10, List.of(), Map.of("b", 2))).isZero();
        assertThat(scores.queries()).isEqualTo(3);
        assertThat(scores.ndcgAt10()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(scores.recallAt100()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(scores.mrrAt10()).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void should_score_zero_when_no_judged_document_is_relevant() {
        // given
        Map<String, Integer> judgements = Map.of("a", 0);

        // when / then
        assertThat(RetrievalMetrics.ndcgAt(10, List.of("a"), judgements)).isZero();
        assertThat(RetrievalMetrics.recallAt(100, List.of("a"), judgements)).isZero();
        assertThat(RetrievalMetrics.reciprocalRankAt(10, List.of("a"), judgements)).isZero();
    }
}
