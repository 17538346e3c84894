package io.caravan.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void should_split_text_into_trimmed_sentences_in_order() {
        // given
        String text = "  First one.  Second one?\n\nThird!  ";

        // when
        var sentences = SentenceSplitter.split(text);

        // then
        assertThat(sentences).containsExactly("First one.", "Second one?", "Third!");
    }

    @Test
    void should_return_no_sentence_for_blank_text() {
        // when / then
        assertThat(SentenceSplitter.split("")).isEmpty();
        assertThat(SentenceSplitter.split("   \n\t ")).isEmpty();
    }

    @Test
    void should_keep_text_without_a_full_stop_as_one_sentence() {
        // when / then
        assertThat(SentenceSplitter.split("no punctuation here")).containsExactly("no punctuation here");
    }
}
