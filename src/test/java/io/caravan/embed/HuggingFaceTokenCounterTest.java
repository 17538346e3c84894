package io.caravan.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HuggingFaceTokenCounterTest {

    private static HuggingFaceTokenCounter bge;

    @BeforeAll
    static void loadTokenizer() {
        bge = HuggingFaceTokenCounter.bgeSmallEnV15Quantized();
    }

    @AfterAll
    static void closeTokenizer() {
        bge.close();
    }

    @Test
    void should_count_known_strings_without_special_tokens() {
        // given known texts, when counted, then [CLS] and [SEP] are not included
        assertThat(bge.count("hello world")).isEqualTo(2);
        assertThat(bge.count("Hello, world!")).isEqualTo(4);
        assertThat(bge.count("")).isZero();
        assertThat(bge.count("  \n\t ")).isZero();
        assertThat(bge.count("tokenization")).isEqualTo(2); // token ##ization
    }

    @Test
    void should_count_long_text_without_truncation() {
        // given a text far beyond the model limit
        String text = "word ".repeat(5_000);

        // when
        int count = bge.count(text);

        // then every word is counted
        assertThat(count).isEqualTo(5_000);
    }

    @Test
    void should_count_non_ascii_text() {
        // BERT's normaliser strips accents, splits CJK characters and maps unknown symbols to [UNK]
        assertThat(bge.count("Größe naïve café")).isEqualTo(5); // gr ##o ##ße naive cafe
        assertThat(bge.count("東京")).isEqualTo(2);
        assertThat(bge.count("😀")).isEqualTo(1);
    }

    @Test
    void should_report_the_limit_each_model_applies() {
        assertThat(bge.maxInputTokens()).isEqualTo(510);
        try (HuggingFaceTokenCounter miniLm = HuggingFaceTokenCounter.allMiniLmL6V2Quantized()) {
            // its tokenizer JSON truncates at 128 tokens, [CLS] and [SEP] included
            assertThat(miniLm.maxInputTokens()).isEqualTo(126);
        }
    }

    @Test
    void should_match_what_the_bge_model_sees() {
        // given
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        String fits = "The quick brown fox jumps over the lazy dog. Ünïcödé and 東京 too! ".repeat(20);
        String atLimit = "word ".repeat(510);
        String beyond = "word ".repeat(600);

        // when / then: the model's token usage (special tokens excluded) is our count up to the limit...
        assertThat(bge.count(fits)).isLessThan(510);
        assertThat(model.embed(fits).tokenUsage().inputTokenCount()).isEqualTo(bge.count(fits));
        assertThat(model.embed(atLimit).tokenUsage().inputTokenCount()).isEqualTo(510);
        // ...and beyond it the model silently truncates to exactly maxInputTokens
        assertThat(bge.count(beyond)).isEqualTo(600);
        assertThat(model.embed(beyond).tokenUsage().inputTokenCount()).isEqualTo(bge.maxInputTokens());
        assertThat(model.embed(beyond).content().vector()).containsExactly(model.embed(atLimit).content().vector());
    }

    @Test
    void should_match_the_all_minilm_model_truncation() {
        // given
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        try (HuggingFaceTokenCounter miniLm = HuggingFaceTokenCounter.allMiniLmL6V2Quantized()) {
            String atLimit = "word ".repeat(miniLm.maxInputTokens());

            // when / then
            assertThat(model.embed(atLimit).tokenUsage().inputTokenCount()).isEqualTo(miniLm.count(atLimit));
            assertThat(model.embed("word ".repeat(200)).tokenUsage().inputTokenCount()).isEqualTo(126);
        }
    }

    @Test
    void should_count_consistently_from_many_threads() throws Exception {
        // given
        List<String> texts = IntStream.range(0, 200)
                .mapToObj(i -> "sentence number " + i + " with café and 東京. ".repeat(i % 17 + 1))
                .toList();
        List<Integer> expected = texts.stream().map(bge::count).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when
            List<Future<Integer>> counts = texts.stream().map(t -> pool.submit(() -> bge.count(t))).toList();

            // then
            for (int i = 0; i < texts.size(); i++) {
                assertThat(counts.get(i).get()).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void should_fail_clearly_for_a_missing_resource() {
        assertThatThrownBy(() -> new HuggingFaceTokenCounter("no-such-tokenizer.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-tokenizer.json");
    }
}
