package io.caravan.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeirDatasetTest {

    private static Path tiny() throws URISyntaxException {
        return Path.of(BeirDatasetTest.class.getResource("/beir/tiny/corpus.jsonl").toURI()).getParent();
    }

    @Test
    void should_stream_corpus_records_in_file_order() throws Exception {
        // given
        BeirDataset dataset = new BeirDataset(tiny());
        List<CorpusRecord> records = new ArrayList<>();

        // when
        dataset.forEachDocument(records::add);

        // then
        assertThat(records).extracting(CorpusRecord::id).containsExactly("d1", "d2", "d3", "d4", "d5", "d6");
        assertThat(records.get(0).title()).isEqualTo("Honeybee waggle dance");
        assertThat(records.get(0).content()).startsWith("Honeybee waggle dance\n\nHoneybees communicate");
    }

    @Test
    void should_read_queries_by_id() throws Exception {
        // when
        var queries = new BeirDataset(tiny()).queries();

        // then
        assertThat(queries).containsOnlyKeys("q1", "q2", "q3", "q4");
        assertThat(queries.get("q2")).isEqualTo("What makes sourdough bread rise?");
    }

    @Test
    void should_read_graded_qrels_of_one_split_and_skip_the_header() throws Exception {
        // when
        Qrels test = new BeirDataset(tiny()).qrels("test");
        Qrels train = new BeirDataset(tiny()).qrels("train");

        // then
        assertThat(test.queryIds()).containsExactly("q1", "q2", "q3");
        assertThat(test.relevance("q2", "d3")).isEqualTo(2);
        assertThat(test.relevance("q2", "d1")).isZero();
        assertThat(test.size()).isEqualTo(3);
        assertThat(train.queryIds()).containsExactly("q4");
    }

    @Test
    void should_fingerprint_the_corpus_by_content_and_records() throws Exception {
        // when
        CorpusFingerprint fingerprint = CorpusFingerprint.of(new BeirDataset(tiny()).corpusFile());

        // then
        assertThat(fingerprint.records()).isEqualTo(6);
        assertThat(fingerprint.sha256()).hasSize(64);
    }

    @Test
    void should_name_the_missing_file_of_an_incomplete_folder(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\":\"d1\",\"text\":\"x\"}\n");
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\":\"q1\",\"text\":\"x\"}\n");

        // when / then
        assertThatThrownBy(() -> new BeirDataset(dir).checkFiles("test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.tsv");
    }

    @Test
    void should_reject_a_qrels_line_without_an_integer_score(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("test.tsv");
        Files.writeString(file, "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");

        // when / then
        assertThatThrownBy(() -> Qrels.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":2:");
    }
}
