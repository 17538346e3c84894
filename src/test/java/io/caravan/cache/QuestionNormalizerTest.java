package io.caravan.cache;

import org.junit.jupiter.api.Test;

import static io.caravan.cache.QuestionNormalizer.normalise;
import static org.assertj.core.api.Assertions.assertThat;

class QuestionNormalizerTest {

    @Test
    void should_ignore_case_whitespace_and_trailing_punctuation() {
        assertThat(normalise("  What is   BM25?! ")).isEqualTo("what is bm25");
        assertThat(normalise("what is bm25\t\n")).isEqualTo("what is bm25");
        assertThat(normalise("What is BM25 …")).isEqualTo("what is bm25");
        assertThat(normalise("Was ist BM25？")).isEqualTo("was ist bm25");
    }

    @Test
    void should_fold_compatibility_characters() {
        // a full-width question and a ligature fold to their plain forms
        assertThat(normalise("ＢＭ２５ eﬃciency")).isEqualTo("bm25 efficiency");
    }

    @Test
    void should_keep_words_inner_punctuation_and_closing_brackets_apart() {
        assertThat(normalise("Is 3.5 > 3?")).isEqualTo("is 3.5 > 3");
        assertThat(normalise("What does \"RRF\" mean")).isEqualTo("what does \"rrf\" mean");
        assertThat(normalise("What is BM25")).isNotEqualTo(normalise("What is BM2"));
    }
}
