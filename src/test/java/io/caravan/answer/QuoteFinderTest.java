package io.caravan.answer;

import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.caravan.answer.AnswerHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

class QuoteFinderTest {

    private final QuoteFinder finder = new QuoteFinder();
    private final List<Hit> passages = List.of(
            hit("volcano.txt", "Krakatoa",
                    "Krakatoa is in Indonesia. It erupted in August 1883. The ash spread widely.", 0.9),
            hit("climate.txt", "Climate", "Summers were cold. Its ash lowered temperatures for five years.", 0.7),
            hit("coffee.txt", "Coffee", "Espresso is brewed at nine bars.", 0.4));

    @Test
    void should_quote_the_passage_sentence_sharing_the_most_stemmed_terms_with_the_sentences_citing_it() {
        // when: "eruption" and "erupted" share their stem
        Map<Integer, String> quotes = finder.find(
                "The eruption of 1883 [1] cooled the world for five years [2]. Krakatoa lies in Indonesia [1].",
                passages);

        // then: [1] is cited by both sentences; the second sentence only names Indonesia and Krakatoa
        assertThat(quotes).containsEntry(1, "Krakatoa is in Indonesia.")
                .containsEntry(2, "Its ash lowered temperatures for five years.");
    }

    @Test
    void should_ignore_the_words_of_sentences_that_cite_another_passage() {
        // when
        Map<Integer, String> quotes = finder.find("It erupted in 1883 [1]. Indonesia grows coffee [3].", passages);

        // then
        assertThat(quotes).containsEntry(1, "It erupted in August 1883.");
    }

    @Test
    void should_credit_a_mark_written_after_the_full_stop_to_the_sentence_before_it() {
        // when: the extractive style, "sentence. [n]"
        Map<Integer, String> quotes = finder.find("The ash spread. [1] Temperatures dropped for years. [2]", passages);

        // then
        assertThat(quotes).containsEntry(1, "The ash spread widely.")
                .containsEntry(2, "Its ash lowered temperatures for five years.");
    }

    @Test
    void should_quote_the_earliest_sentence_on_a_tie() {
        // given: "ash" is in the third sentence of passage 1 only, "Krakatoa" in its first only: one term each
        Map<Integer, String> quotes = finder.find("Krakatoa ash [1].", passages);

        // then
        assertThat(quotes).containsEntry(1, "Krakatoa is in Indonesia.");
    }

    @Test
    void should_quote_nothing_when_no_term_is_shared() {
        // when
        Map<Integer, String> quotes = finder.find("Espresso needs pressure [1]. Beans matter [3].", passages);

        // then: neither passage shares a word with the sentence citing it
        assertThat(quotes).doesNotContainKey(1).doesNotContainKey(3);
    }

    @Test
    void should_ignore_numbers_that_name_no_passage_and_answers_without_citations() {
        assertThat(finder.find("It erupted [9].", passages)).isEmpty();
        assertThat(finder.find("I don't know.", passages)).isEmpty();
    }
}
