package io.caravan.answer;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetTest {

    private static final String FILLER = "Filler words pad this passage out without saying much of anything. ";

    @Test
    void should_show_the_passage_beginning_when_the_quote_lies_within_the_cut() {
        // given
        String content = "The ledger is durable. " + FILLER.repeat(10);

        // when
        Snippet snippet = Snippet.of(content, "The ledger is durable.", 300);

        // then: the same snippet a citation without a quote gets
        assertThat(snippet.text()).isEqualTo(Snippet.of(content, null, 300).text()).startsWith("The ledger")
                .endsWith("…");
        assertThat(snippet.quote()).isEqualTo("The ledger is durable.");
    }

    @Test
    void should_show_a_window_around_a_quote_beyond_the_cut() {
        // given: the quote starts after 680 characters
        String quote = "Backups of the ledger run nightly at two.";
        String content = FILLER.repeat(10) + quote + " " + FILLER.repeat(10);

        // when
        Snippet snippet = Snippet.of(content, quote, 300);

        // then: a window of about 300 characters, opening at a word a little before the quote, cut at words
        assertThat(snippet.quote()).isEqualTo(quote);
        assertThat(snippet.text()).contains(quote).startsWith("…").endsWith("…");
        assertThat(snippet.text().length()).isBetween(250, 302);
        String shown = snippet.text().substring(1, snippet.text().length() - 1);
        assertThat(content).contains(shown);
        assertThat(Character.isWhitespace(content.charAt(content.indexOf(shown) - 1))).isTrue();
        assertThat(shown.indexOf(quote)).isPositive().isLessThan(100);
    }

    @Test
    void should_show_a_quote_at_the_passage_end_without_a_trailing_ellipsis() {
        // given
        String quote = "The last sentence answers it.";
        String content = FILLER.repeat(10) + quote;

        // when
        Snippet snippet = Snippet.of(content, quote, 300);

        // then
        assertThat(snippet.text()).startsWith("…").endsWith(quote);
        assertThat(snippet.quote()).isEqualTo(quote);
    }

    @Test
    void should_cut_a_quote_longer_than_the_snippet_and_quote_the_part_shown() {
        // given: a 680-character "sentence" that starts in the middle of the passage
        String quote = FILLER.repeat(10).replace(". ", ", ").strip();
        String content = "Heading line.\n" + FILLER.repeat(5) + quote + " The end.";

        // when
        Snippet snippet = Snippet.of(content, quote, 300);

        // then
        assertThat(snippet.text()).isEqualTo("…" + snippet.quote() + "…");
        assertThat(quote).startsWith(snippet.quote());
        assertThat(snippet.quote().length()).isBetween(150, 300);
        assertThat(Character.isWhitespace(quote.charAt(snippet.quote().length()))).isTrue();
    }

    @Test
    void should_drop_a_quote_that_is_not_part_of_the_passage() {
        // when
        Snippet snippet = Snippet.of("alpha beta gamma delta epsilon zeta", "omega", 20);

        // then
        assertThat(snippet.text()).isEqualTo("alpha beta gamma…");
        assertThat(snippet.quote()).isNull();
    }

    @Test
    void should_show_the_whole_passage_when_it_fits() {
        // when
        Snippet snippet = Snippet.of("Short passage. It fits.", "It fits.", 300);

        // then
        assertThat(snippet.text()).isEqualTo("Short passage. It fits.");
        assertThat(snippet.quote()).isEqualTo("It fits.");
    }

    @Test
    void should_always_quote_a_part_of_the_snippet() {
        // given: passages of random words and line breaks, and each of their sentences as the quote
        Random random = new Random(42);
        String[] words = {"a", "ledger", "durable", "backup", "nightly", "x", "incomprehensibilities", "of", "the"};
        for (int round = 0; round < 300; round++) {
            StringBuilder content = new StringBuilder();
            int length = 1 + random.nextInt(120);
            for (int w = 0; w < length; w++) {
                content.append(words[random.nextInt(words.length)])
                        .append(random.nextInt(9) == 0 ? ". " : random.nextInt(15) == 0 ? "\n" : " ");
            }
            int maxChars = 10 + random.nextInt(300);
            for (String sentence : SentenceSplitter.split(content.toString())) {
                // when
                Snippet snippet = Snippet.of(content.toString(), sentence, maxChars);

                // then
                assertThat(snippet.quote()).isNotNull();
                assertThat(snippet.text()).contains(snippet.quote());
                assertThat(sentence).startsWith(snippet.quote());
                assertThat(snippet.text().length()).isLessThanOrEqualTo(Math.max(maxChars, sentence.length()) + 2);
            }
        }
    }
}
