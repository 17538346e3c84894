package io.caravan.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalModeTest {

    @Test
    void should_run_every_mode_for_all__reranked_hybrid_before_default() {
        assertThat(EvalMode.parse("all")).extracting(EvalMode::label)
                .containsExactly("bm25", "dense", "hybrid", "hybrid+rerank", "default");
    }

    @Test
    void should_parse_one_mode_by_its_label() {
        assertThat(EvalMode.parse(" Hybrid+Rerank ")).containsExactly(EvalMode.HYBRID_RERANK);
        assertThatThrownBy(() -> EvalMode.parse("rerank")).hasMessageContaining("hybrid+rerank");
    }
}
