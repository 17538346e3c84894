package io.caravan.index;

import static io.caravan.index.TestHits.hit;
import static io.caravan.index.TestHits.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void should_sum_reciprocal_ranks_across_lists() {
        // given: bm25 = [a, b, c], dense = [c, a]
        List<Hit> bm25 = hits("a", "b", "c");
        List<Hit> dense = hits("c", "a");

        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(bm25, dense), 60, 10);

        // then: a = 1/61 + 1/62, c = 1/63 + 1/61, b = 1/62
        assertThat(ids(fused)).containsExactly("a", "c", "b");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
    }

    @Test
    void should_ignore_input_scores() {
        // given: the dense list has huge scores, the bm25 list tiny ones
        List<Hit> bm25 = List.of(hit("a", 0.001), hit("b", 0.0001));
        List<Hit> dense = List.of(hit("b", 1000), hit("a", 999));

        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(bm25, dense), 60, 10);

        // then: both have 1/61 + 1/62; the tie is broken by best rank (both 1), then chunk id
        assertThat(ids(fused)).containsExactly("a", "b");
        assertThat(fused.get(0).score()).isEqualTo(fused.get(1).score());
    }

    @Test
    void should_break_ties_by_best_single_rank_then_chunk_id() {
        // given k = 0: p and q both score 1/1 + 1/2 and both reach rank 1, so only the id separates them
        List<Hit> first = hits("q", "p");
        List<Hit> second = hits("p", "q");

        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(first, second), 0, 10);

        // then
        assertThat(ids(fused)).containsExactly("p", "q");
        assertThat(fused.get(0).score()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void should_prefer_better_best_rank_on_equal_scores() {
        // given k = 0: m is 2nd and 2nd (1/2 + 1/2 = 1), n is 1st in one list only (1/1 = 1)
        List<Hit> first = hits("n", "m");
        List<Hit> second = hits("o", "m");

        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(first, second), 0, 10);

        // then: n, o (score 1, best rank 1) before m (score 1, best rank 2)
        assertThat(ids(fused)).containsExactly("n", "o", "m");
    }

    @Test
    void should_count_a_chunk_once_per_list_at_its_best_rank() {
        // given
        List<Hit> list = hits("a", "a", "b");

        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(list), 60, 10);

        // then: b keeps its position (rank 3) in the list
        assertThat(ids(fused)).containsExactly("a", "b");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63, within(1e-12));
    }

    @Test
    void should_return_at_most_limit_hits() {
        // when
        List<Hit> fused = ReciprocalRankFusion.fuse(List.of(hits("a", "b", "c"), hits("d")), 60, 2);

        // then: a and d share rank 1
        assertThat(ids(fused)).containsExactly("a", "d");
    }

    @Test
    void should_return_empty_list_for_empty_input() {
        assertThat(ReciprocalRankFusion.fuse(List.of(), 60, 5)).isEmpty();
        assertThat(ReciprocalRankFusion.fuse(List.of(List.of(), List.of()), 60, 5)).isEmpty();
    }

    @Test
    void should_reject_invalid_arguments() {
        assertThatThrownBy(() -> ReciprocalRankFusion.fuse(List.of(), 60, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReciprocalRankFusion.fuse(List.of(), -1, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Hit> hits(String... chunkIds) {
        return Arrays.stream(chunkIds).map(id -> hit(id, 1.0)).toList();
    }
}
