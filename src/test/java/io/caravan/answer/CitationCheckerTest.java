package io.caravan.answer;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.caravan.answer.AnswerHits.WORDS;
import static io.caravan.answer.AnswerHits.hit;
import static io.caravan.answer.AnswerHits.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitationCheckerTest {

    private final List<Hit> passages = List.of(
            hit("a.txt", "A", "Krakatoa erupted in 1883.", 0.9),
            hit("b.txt", "B", "Its ash lowered temperatures for five years.", 0.7),
            hit("c.txt", "C", "Espresso is brewed at nine bars.", 0.4));
    private final Prompt prompt = new PromptBuilder(WORDS, 1000).build(question("q"), passages);
    private final CitationChecker checker = new CitationChecker(200);

    @Test
    void should_cite_exactly_the_passages_the_answer_uses_in_number_order() {
        // when
        Answer answer = checker.check(prompt, "Ash lowered temperatures [2] after the 1883 eruption [1].",
                question("q"));

        // then
        assertThat(answer.answer()).isEqualTo("Ash lowered temperatures [2] after the 1883 eruption [1].");
        assertThat(answer.mode()).isEqualTo("llm");
        assertThat(answer.degraded()).isFalse();
        assertThat(answer.requestId()).isEqualTo("req-1");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1, 2);
        Citation first = answer.citations().get(0);
        assertThat(first.docId()).isEqualTo("a.txt");
        assertThat(first.source()).isEqualTo("share");
        assertThat(first.title()).isEqualTo("A");
        assertThat(first.page()).isEqualTo(2);
        assertThat(first.section()).isEmpty();
        assertThat(first.snippet()).isEqualTo("Krakatoa erupted in 1883.");
        assertThat(first.quote()).isEqualTo("Krakatoa erupted in 1883.");
        assertThat(first.score()).isEqualTo(0.9);
    }

    @Test
    void should_quote_the_passage_sentence_the_answer_relies_on_even_beyond_the_snippet_cut() {
        // given: passage 1 says what the answer uses after 600 characters, under a heading path
        String sentence = "Krakatoa erupted on 27 August 1883 with four explosions.";
        String content = "Volcanoes of Indonesia\n"
                + "Many islands of the arc have active cones and old craters. ".repeat(10)
                + sentence + " Ships far away heard them.";
        Chunk chunk = new Chunk("v.txt#2", "v.txt", "share", "Volcanoes", content, "Indonesia > Krakatoa", 5, 2,
                "hash", "text/plain", List.of("public"), null, null, null, "model");
        List<Hit> far = List.of(new Hit(chunk, 0.9));
        Prompt farPrompt = new PromptBuilder(WORDS, 1000).build(question("q"), far);

        // when
        Answer answer = new CitationChecker(300).check(farPrompt, "It erupted in 1883 with four explosions [1].",
                question("q"));

        // then
        Citation citation = answer.citations().get(0);
        assertThat(citation.section()).isEqualTo("Indonesia > Krakatoa");
        assertThat(citation.quote()).isEqualTo(sentence);
        assertThat(citation.snippet()).contains(sentence).startsWith("…");
    }

    @Test
    void should_quote_nothing_when_the_passage_shares_no_word_with_the_sentences_citing_it() {
        // when
        Answer answer = checker.check(prompt, "Coffee is strong [3].", question("q"));

        // then: the citation stands, but no sentence of it is what the answer says
        Citation citation = answer.citations().get(0);
        assertThat(citation.n()).isEqualTo(3);
        assertThat(citation.quote()).isNull();
        assertThat(citation.snippet()).isEqualTo("Espresso is brewed at nine bars.");
    }

    @Test
    void should_remove_citations_of_passages_that_were_not_in_the_prompt() {
        // when
        Answer answer = checker.check(prompt, "It erupted in 1883 [1][7]. Ash cooled the world [0] [12].",
                question("q"));

        // then
        assertThat(answer.answer()).isEqualTo("It erupted in 1883 [1]. Ash cooled the world.");
        assertThat(answer.citations()).extracting(Citation::docId).containsExactly("a.txt");
    }

    @Test
    void should_split_grouped_citations_and_keep_the_valid_ones() {
        // when
        Answer answer = checker.check(prompt, "Both facts hold [1, 4, 2].", question("q"));

        // then
        assertThat(answer.answer()).isEqualTo("Both facts hold [1][2].");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1, 2);
    }

    @Test
    void should_cite_nothing_when_the_model_does_not_know() {
        // when
        Answer answer = checker.check(prompt, "I don't know.", question("q"));

        // then
        assertThat(answer.answer()).isEqualTo("I don't know.");
        assertThat(answer.citations()).isEmpty();
    }

    @Test
    void should_drop_a_reasoning_models_thinking_and_refuse_an_empty_reply() {
        assertThat(checker.check(prompt, "<think>passage [3] is about coffee</think>\nIn 1883 [1].", question("q"))
                .citations()).extracting(Citation::n).containsExactly(1);
        assertThatThrownBy(() -> checker.check(prompt, "  <think>hmm</think> ", question("q")))
                .hasMessageContaining("empty reply");
        assertThatThrownBy(() -> checker.check(prompt, null, question("q"))).hasMessageContaining("empty reply");
    }

    @Test
    void should_only_accept_numbers_of_passages_that_fitted_the_prompt() {
        // given: a budget that holds the first passage only
        Prompt small = new PromptBuilder(WORDS, 10).build(question("q"), passages);

        // when
        Answer answer = checker.check(small, "Erupted [1], cooled [2].", question("q"));

        // then
        assertThat(answer.answer()).isEqualTo("Erupted [1], cooled.");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1);
    }
}
