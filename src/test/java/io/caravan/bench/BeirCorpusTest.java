package io.caravan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirCorpusTest {

    @Test
    void should_read_documents_in_file_order_up_to_the_limit() throws Exception {
        // given: three records and a blank line
        Path corpus = fixture("corpus.jsonl");

        // when
        List<BeirCorpus.Document> documents = BeirCorpus.readDocuments(corpus, 2);

        // then
        assertThat(documents).containsExactly(
                new BeirCorpus.Document("4983", "Microstructural development",
                        "Alterations of the architecture of cerebral white matter."),
                new BeirCorpus.Document("doc-2", "", "No title here."));
    }

    @Test
    void should_write_title_blank_line_then_text_as_file_text() throws Exception {
        // given
        List<BeirCorpus.Document> documents = BeirCorpus.readDocuments(fixture("corpus.jsonl"), 3);

        // when / then: without a title the file is the text alone
        assertThat(documents.get(0).fileText()).isEqualTo(
                "Microstructural development\n\nAlterations of the architecture of cerebral white matter.");
        assertThat(documents.get(1).fileText()).isEqualTo("No title here.");
    }

    @Test
    void should_read_queries() throws Exception {
        // given
        Path queries = fixture("queries.jsonl");

        // when
        List<BeirCorpus.Query> all = BeirCorpus.readQueries(queries, Integer.MAX_VALUE);

        // then
        assertThat(all).extracting(BeirCorpus.Query::id).containsExactly("1", "3");
        assertThat(all.get(0).text()).isEqualTo("0-dimensional biomaterials show inductive properties.");
    }

    @Test
    void should_reject_a_record_without_id(@TempDir Path dir) throws IOException {
        // given
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "{\"title\": \"t\", \"text\": \"x\"}\n");

        // when / then
        assertThatThrownBy(() -> BeirCorpus.readDocuments(corpus, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without _id");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(BeirCorpusTest.class.getResource("/fixtures/beir/" + name).toURI());
    }
}
