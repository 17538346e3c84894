package io.caravan.index;

import static io.caravan.index.TestHits.hit;
import static io.caravan.index.TestHits.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvexCombinationFusionTest {

    @Test
    void should_combine_min_max_normalised_scores() {
        // given: bm25 a=10, b=6, c=2 -> 1, 0.5, 0; dense c=0.9, a=0.7, d=0.5 -> 1, 0.5, 0
        List<Hit> bm25 = List.of(hit("a", 10), hit("b", 6), hit("c", 2));
        List<Hit> dense = List.of(hit("c", 0.9), hit("a", 0.7), hit("d", 0.5));

        // when: dense weight 0.6, bm25 weight 0.4
        List<Hit> fused = HitFusion.convex(0.6).fuse(List.of(bm25, dense), 10);

        // then: a = 0.4*1 + 0.6*0.5 = 0.7; c = 0.4*0 + 0.6*1 = 0.6; b = 0.4*0.5 = 0.2; d = 0
        assertThat(ids(fused)).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(0.7, within(1e-9));
        assertThat(fused.get(1).score()).isCloseTo(0.6, within(1e-9));
        assertThat(fused.get(2).score()).isCloseTo(0.2, within(1e-9));
        assertThat(fused.get(3).score()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void should_keep_the_limit_and_break_ties_by_chunk_id() {
        // given: equal weights, x is best in bm25 only, w best in dense only -> both 0.5
        List<Hit> bm25 = List.of(hit("x", 3), hit("y", 1));
        List<Hit> dense = List.of(hit("w", 0.8), hit("z", 0.2));

        // when
        List<Hit> fused = HitFusion.convex(0.5).fuse(List.of(bm25, dense), 2);

        // then
        assertThat(ids(fused)).containsExactly("w", "x");
        assertThat(fused.get(0).score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void should_give_full_weight_to_a_list_whose_scores_are_all_equal() {
        // given: a one-hit dense list
        List<Hit> fused = HitFusion.convex(0.3).fuse(List.of(List.of(), List.of(hit("a", 0.42))), 5);

        // then
        assertThat(fused).hasSize(1);
        assertThat(fused.get(0).score()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void should_reject_bad_weights_and_list_counts() {
        assertThatThrownBy(() -> HitFusion.convex(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConvexCombinationFusion(List.of(0.5, 0.6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HitFusion.convex(0.5).fuse(List.of(List.of()), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fuse_by_rrf_through_the_same_interface() {
        List<Hit> fused = HitFusion.reciprocalRank(10).fuse(List.of(List.of(hit("a", 1), hit("b", 1)),
                List.of(hit("b", 1))), 10);
        // b = 1/12 + 1/11, a = 1/11
        assertThat(ids(fused)).containsExactly("b", "a");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 12 + 1.0 / 11, within(1e-12));
    }
}
