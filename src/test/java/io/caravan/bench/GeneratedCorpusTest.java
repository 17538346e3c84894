package io.caravan.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedCorpusTest {

    /** {@code String.hashCode} (specified by Java) of the default corpus's first document as a file. */
    private static final int FIRST_DOCUMENT_HASH = 137520739;

    @Test
    void should_generate_the_same_corpus_from_the_same_seed__a_smaller_one_being_a_prefix() {
        // when
        List<BeirCorpus.Document> large = GeneratedCorpus.documents(50, 42);
        List<BeirCorpus.Document> again = GeneratedCorpus.documents(50, 42);
        List<BeirCorpus.Document> small = GeneratedCorpus.documents(10, 42);
        List<BeirCorpus.Document> other = GeneratedCorpus.documents(10, 7);

        // then
        assertThat(again).isEqualTo(large);
        assertThat(small).isEqualTo(large.subList(0, 10));
        assertThat(other.get(0).text()).isNotEqualTo(small.get(0).text());
        assertThat(large).extracting(BeirCorpus.Document::id).doesNotHaveDuplicates().startsWith("g0", "g1");
    }

    @Test
    void should_pin_the_first_document__so_that_a_changed_generator_is_noticed() {
        // given: the figures of published runs were measured on this corpus
        BeirCorpus.Document first = GeneratedCorpus.documents(1, GeneratedCorpus.DEFAULT_SEED).get(0);

        // then
        assertThat(first.fileText().hashCode()).isEqualTo(FIRST_DOCUMENT_HASH);
    }

    @Test
    void should_write_abstract_like_documents_of_150_to_300_words_each_on_a_topic_of_its_own() {
        // when
        List<BeirCorpus.Document> documents = GeneratedCorpus.documents(200, GeneratedCorpus.DEFAULT_SEED);

        // then: SciFact-like lengths, distinct texts, a varied vocabulary
        Set<String> vocabulary = new HashSet<>();
        for (BeirCorpus.Document document : documents) {
            String[] words = document.text().split("\\s+");
            assertThat(words.length).as(document.id()).isBetween(150, 330);
            assertThat(document.title()).isNotBlank();
            assertThat(document.text()).endsWith(".");
            vocabulary.addAll(List.of(document.text().toLowerCase().split("[^a-z-]+")));
        }
        assertThat(documents).extracting(BeirCorpus.Document::text).doesNotHaveDuplicates();
        assertThat(vocabulary).hasSizeGreaterThan(250);
    }

    @Test
    void should_ask_questions_about_the_topics_of_the_documents() {
        // when
        List<BeirCorpus.Query> queries = GeneratedCorpus.queries(30, 10, GeneratedCorpus.DEFAULT_SEED);
        List<BeirCorpus.Document> documents = GeneratedCorpus.documents(10, GeneratedCorpus.DEFAULT_SEED);

        // then: each question ends with '?' and shares a word of four letters or more with its document
        assertThat(queries).hasSize(30).extracting(BeirCorpus.Query::id).doesNotHaveDuplicates();
        for (int q = 0; q < queries.size(); q++) {
            String question = queries.get(q).text();
            String document = documents.get(q % 10).fileText().toLowerCase();
            assertThat(question).endsWith("?");
            assertThat(List.of(question.toLowerCase().replace("?", "").split(" ")))
                    .as(question).anyMatch(w -> w.length() >= 4 && document.contains(w));
        }
    }
}
