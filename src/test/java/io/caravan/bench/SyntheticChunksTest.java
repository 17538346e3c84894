package io.caravan.bench;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticChunksTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void should_make_the_same_chunks_and_queries_from_the_same_seed__whatever_was_made_before() {
        // given
        SyntheticChunks first = new SyntheticChunks(42, 384);
        SyntheticChunks again = new SyntheticChunks(42, 384);
        SyntheticChunks other = new SyntheticChunks(7, 384);

        // when: the second generator makes chunk 5 first, the first one after others
        String text5 = again.text(5);
        float[] vector5 = again.vector(5);
        for (int i = 0; i < 5; i++) {
            first.text(i);
            first.vector(i);
        }

        // then
        assertThat(first.text(5)).isEqualTo(text5);
        assertThat(first.vector(5)).containsExactly(vector5);
        assertThat(first.query(3)).isEqualTo(again.query(3));
        assertThat(first.queryVector(3)).containsExactly(again.queryVector(3));
        assertThat(other.text(5)).isNotEqualTo(text5);
        assertThat(first.text(6)).isNotEqualTo(text5);
        assertThat(first.vector(6)).isNotEqualTo(vector5);
    }

    @Test
    void should_make_unit_vectors_of_the_given_dimension__for_chunks_and_queries() {
        // given
        SyntheticChunks chunks = new SyntheticChunks(42, 384);
        SyntheticChunks small = new SyntheticChunks(42, 8);

        // then
        for (int i = 0; i < 20; i++) {
            for (float[] vector : List.of(chunks.vector(i), chunks.queryVector(i), small.vector(i))) {
                assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
            }
            assertThat(chunks.vector(i)).hasSize(384);
            assertThat(chunks.queryVector(i)).hasSize(384);
            assertThat(small.vector(i)).hasSize(8);
        }
        // Gaussian components: no axis is favoured, so random vectors are nearly orthogonal in 384 dimensions
        assertThat(Math.abs(dot(chunks.vector(0), chunks.vector(1)))).isLessThan(0.25);
    }

    @Test
    void should_write_chunks_of_a_real_chunk_size_with_skewed_word_frequencies() {
        // given
        SyntheticChunks chunks = new SyntheticChunks(42, 384);
        Map<String, Integer> counts = new HashMap<>();
        int words = 0;

        // when
        for (int i = 0; i < 200; i++) {
            String[] tokens = chunks.text(i).toLowerCase().replace(".", "").split(" ");
            assertThat(tokens.length).isBetween(SyntheticChunks.MIN_CHUNK_WORDS, SyntheticChunks.MAX_CHUNK_WORDS);
            for (String token : tokens) {
                counts.merge(token, 1, Integer::sum);
            }
            words += tokens.length;
        }

        // then: Zipf: the most frequent word is about 1 / H(20,000) ≈ 9.5 % of the text, the tenth about 1/10 of
        // that, and many words are seen only once
        List<Integer> byFrequency = counts.values().stream().sorted((a, b) -> b - a).toList();
        assertThat(byFrequency.get(0) / (double) words).isBetween(0.07, 0.12);
        assertThat(byFrequency.get(9) / (double) byFrequency.get(0)).isBetween(0.05, 0.2);
        assertThat(counts.values().stream().filter(c -> c == 1).count()).isGreaterThan(1_000);
    }

    @Test
    void should_ask_queries_of_content_words_that_chunks_contain() {
        // given
        SyntheticChunks chunks = new SyntheticChunks(42, 384);
        String corpus = String.join(" ", java.util.stream.IntStream.range(0, 500).mapToObj(chunks::text).toList())
                .toLowerCase();

        // when
        String query = chunks.query(0);

        // then
        assertThat(query.split(" ").length).isBetween(3, 8);
        assertThat(Arrays.stream(query.split(" ")).filter(w -> corpus.contains(" " + w + " "))).isNotEmpty();
    }

    @Test
    void should_make_a_one_chunk_document_for_the_group_public_with_the_model_name() {
        // given
        SyntheticChunks chunks = new SyntheticChunks(42, 384);

        // when
        DocumentChunks document = chunks.document(17, "bge-small-en-v1.5-q", NOW);

        // then
        assertThat(document.docId()).isEqualTo("synthetic/17");
        Chunk chunk = document.chunks().get(0);
        assertThat(document.chunks()).hasSize(1);
        assertThat(chunk.chunkId()).isEqualTo("synthetic/17#0");
        assertThat(chunk.acl()).containsExactly("public");
        assertThat(chunk.content()).isEqualTo(chunks.text(17));
        assertThat(chunk.embedding()).containsExactly(chunks.vector(17));
        document.checkEmbeddings("bge-small-en-v1.5-q", 384);
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
