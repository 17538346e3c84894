package io.caravan.eval;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvalIndexKeyTest {

    @Test
    void should_name_an_index_by_corpus_and_indexing_settings__in_any_key_order() {
        // given
        CorpusFingerprint corpus = new CorpusFingerprint("ab".repeat(32), 6);
        EvalIndexKey key = new EvalIndexKey(corpus, Map.of("caravan.chunking.max-tokens", "256",
                "caravan.embedding.model", "m"));

        // when / then
        assertThat(key.id()).hasSize(16)
                .isEqualTo(new EvalIndexKey(corpus, Map.of("caravan.embedding.model", "m",
                        "caravan.chunking.max-tokens", "256")).id())
                .isNotEqualTo(new EvalIndexKey(corpus, Map.of("caravan.chunking.max-tokens", "128",
                        "caravan.embedding.model", "m")).id())
                .isNotEqualTo(new EvalIndexKey(new CorpusFingerprint("cd".repeat(32), 6),
                        Map.of("caravan.chunking.max-tokens", "256", "caravan.embedding.model", "m")).id());
    }
}
