package io.caravan.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerGeneratorTest {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    @Test
    void should_pick_the_sentence_sharing_the_rarest_question_word() {
        // given: "caravan" is in two sentences, "ledger" in one; each sentence shares one word with the question
        var generator = new ExtractiveAnswerGenerator(1, 200);
        var passages = List.of(hit("a.txt", "Caravan indexes files. Caravan answers questions. The ledger is durable."));

        // when
        Answer answer = generator.generate(question("How does Caravan use the ledger?"), passages);

        // then
        assertThat(answer.answer()).isEqualTo("The ledger is durable. [1]");
        assertThat(answer.mode()).isEqualTo(ExtractiveAnswerGenerator.MODE);
        assertThat(answer.requestId()).isEqualTo("req-1");
    }

    @Test
    void should_cite_only_used_passages_numbered_from_one_in_order_of_first_use() {
        // given: the top passage has nothing to do with the question
        var generator = new ExtractiveAnswerGenerator(3, 200);
        var passages = List.of(
                hit("weather.txt", "It was sunny all week. Rain is expected."),
                hit("ledger.txt", "The ledger stores document statuses. It is an MVStore file."),
                hit("backup.txt", "Backups of the ledger run nightly."));

        // when
        Answer answer = generator.generate(question("Where does the ledger store document statuses?"), passages);

        // then
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1, 2);
        assertThat(answer.citations()).extracting(Citation::docId).containsExactly("ledger.txt", "backup.txt");
        assertThat(answer.citations()).extracting(Citation::quote)
                .containsExactly("The ledger stores document statuses.", "Backups of the ledger run nightly.");
        assertThat(answer.answer()).startsWith("The ledger stores document statuses. [1]")
                .contains("Backups of the ledger run nightly. [2]")
                .doesNotContain("sunny");
    }

    @Test
    void should_only_use_markers_that_resolve_to_the_citation_list() {
        // given
        var generator = new ExtractiveAnswerGenerator(4, 200);
        var passages = List.of(
                hit("a.txt", "Camel routes move messages. The ledger tracks documents."),
                hit("b.txt", "Lucene keeps the index. Routes are YAML files."),
                hit("c.txt", "The ledger is an MVStore. Nothing else here."));

        // when
        Answer answer = generator.generate(question("Which routes update the ledger index?"), passages);

        // then: every [n] in the text is a citation, and every citation is used in the text
        Set<Integer> markers = markers(answer.answer());
        assertThat(markers).isNotEmpty();
        assertThat(answer.citations()).extracting(Citation::n).containsExactlyInAnyOrderElementsOf(markers);
        assertThat(new ArrayList<>(markers)).isSorted();
        for (Citation citation : answer.citations()) {
            Hit cited = passages.stream().filter(h -> h.chunk().docId().equals(citation.docId())).findFirst()
                    .orElseThrow();
            assertThat(citation.source()).isEqualTo("file");
            assertThat(citation.title()).isEqualTo("Title of " + citation.docId());
            assertThat(citation.page()).isEqualTo(7);
            assertThat(citation.score()).isEqualTo(cited.score());
            assertThat(citation.snippet()).isEqualTo(cited.chunk().content());
            assertThat(citation.section()).isEqualTo("Storage");
            assertThat(answer.answer()).contains(citation.quote() + " [" + citation.n() + "]");
        }
    }

    @Test
    void should_answer_nothing_found_without_citations_when_there_are_no_passages() {
        // given
        var generator = new ExtractiveAnswerGenerator(3, 200);

        // when
        Answer answer = generator.generate(question("What is Caravan?"), List.of());

        // then
        assertThat(answer.answer()).isEqualTo(ExtractiveAnswerGenerator.NOTHING_FOUND);
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.requestId()).isEqualTo("req-1");
    }

    @Test
    void should_fall_back_to_the_first_sentence_of_the_top_passage_for_a_paraphrase() {
        // given: no word in common with the question
        var generator = new ExtractiveAnswerGenerator(3, 200);
        var passages = List.of(
                hit("car.txt", "The car is fast. It was built in 1990."),
                hit("boat.txt", "Boats float. Sails help."));

        // when
        Answer answer = generator.generate(question("Which automobile is quickest?"), passages);

        // then
        assertThat(answer.answer()).isEqualTo("The car is fast. [1]");
        assertThat(answer.citations()).singleElement().extracting(Citation::docId).isEqualTo("car.txt");
    }

    @Test
    void should_cut_the_snippet_at_a_word_boundary_with_an_ellipsis() {
        // given
        var generator = new ExtractiveAnswerGenerator(1, 20);
        var passages = List.of(hit("a.txt", "alpha beta gamma delta epsilon zeta"));

        // when
        Answer answer = generator.generate(question("gamma?"), passages);

        // then
        assertThat(answer.citations()).singleElement().extracting(Citation::snippet)
                .isEqualTo("alpha beta gamma…");
    }

    @Test
    void should_show_the_quoted_sentence_in_the_snippet_when_it_lies_beyond_the_cut() {
        // given: the only sentence about the ledger starts after 600 characters
        var generator = new ExtractiveAnswerGenerator(1, 300);
        String sentence = "The ledger keeps every document status in one MVStore file.";
        var passages = List.of(hit("a.txt",
                "Caravan reads files from shares and mailboxes, then splits them. ".repeat(10) + sentence));

        // when
        Answer answer = generator.generate(question("Where does the ledger keep document status?"), passages);

        // then
        assertThat(answer.answer()).isEqualTo(sentence + " [1]");
        Citation citation = answer.citations().get(0);
        assertThat(citation.quote()).isEqualTo(sentence);
        assertThat(citation.snippet()).startsWith("…").endsWith(sentence);
        assertThat(citation.snippet().length()).isLessThanOrEqualTo(301);
    }

    @Test
    void should_quote_the_part_of_a_long_sentence_the_cut_snippet_shows() {
        // given
        var generator = new ExtractiveAnswerGenerator(1, 20);
        var passages = List.of(hit("a.txt", "alpha beta gamma delta epsilon zeta"));

        // when
        Answer answer = generator.generate(question("gamma?"), passages);

        // then: the 35-character sentence does not fit 20 characters
        Citation citation = answer.citations().get(0);
        assertThat(citation.snippet()).isEqualTo("alpha beta gamma…");
        assertThat(citation.quote()).isEqualTo("alpha beta gamma");
    }

    @Test
    void should_respect_max_sentences() {
        // given: every sentence shares a word with the question
        var generator = new ExtractiveAnswerGenerator(2, 200);
        var passages = List.of(hit("a.txt",
                "The ledger is durable. The ledger is fast. The ledger is small. The ledger is simple."));

        // when
        Answer answer = generator.generate(question("Tell me about the ledger"), passages);

        // then
        assertThat(MARKER.matcher(answer.answer()).results().count()).isEqualTo(2);
        assertThat(answer.answer()).isEqualTo("The ledger is durable. [1] The ledger is fast. [1]");
    }

    private static Set<Integer> markers(String text) {
        Set<Integer> found = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    @Test
    void should_quote_the_sentence_of_a_passage_that_matched_the_question_best_not_its_first() {
        // given: table rows that all share the header's words; only one names the asked-for product
        var generator = new ExtractiveAnswerGenerator(3, 200);
        var passages = List.of(hit("stock.docx", "Product code: PX-4100 | Units in stock: 1577\n"
                + "Product code: PX-4107 | Units in stock: 3026\nProduct code: PX-4114 | Units in stock: 7806"));

        // when
        Answer answer = generator.generate(question("How many units of product PX-4114 are in stock?"), passages);

        // then
        assertThat(answer.citations()).singleElement().extracting(Citation::quote)
                .isEqualTo("Product code: PX-4114 | Units in stock: 7806");
    }

    private static Question question(String text) {
        return new Question("req-1", text, null, null, null, Set.of("public"), "http");
    }

    // retrieval order: each passage scores lower than the one before
    private double nextScore = 10;

    private Hit hit(String docId, String content) {
        Chunk chunk = new Chunk(Chunk.idOf(docId, 0), docId, "file", "Title of " + docId, content, "Storage", 7, 0,
                "hash", "text/plain", List.of("public"), Instant.EPOCH, Instant.EPOCH, null, "model");
        return new Hit(chunk, nextScore--);
    }
}
