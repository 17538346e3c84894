package io.caravan.rerank;

import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.caravan.rerank.RerankHits.hit;
import static io.caravan.rerank.RerankHits.ids;
import static io.caravan.rerank.RerankHits.question;
import static org.assertj.core.api.Assertions.assertThat;

class NoOpRerankerTest {

    private final List<Hit> candidates = List.of(hit("a#0", "alpha", 0.9), hit("b#0", "beta", 0.5),
            hit("c#0", "gamma", 0.4));

    @Test
    void should_keep_the_retrieval_order_and_scores_cut_to_the_configured_top_k() {
        // when
        List<Hit> reranked = new NoOpReranker(2).rerank(question("q", null), candidates);

        // then
        assertThat(ids(reranked)).containsExactly("a#0", "b#0");
        assertThat(reranked).extracting(Hit::score).containsExactly(0.9, 0.5);
    }

    @Test
    void should_cut_to_the_question_s_own_top_k() {
        // when
        List<Hit> reranked = new NoOpReranker(2).rerank(question("q", 1), candidates);

        // then
        assertThat(ids(reranked)).containsExactly("a#0");
    }
}
