package io.caravan.rerank;

import dev.langchain4j.data.segment.TextSegment;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The in-process scoring models with the real ONNX models from their jars. */
class InProcessScoringModelsTest {

    private static final EmbeddingModelSpec MINILM = EmbeddingModels.load(EmbeddingModels.ALL_MINILM_L6_V2_Q);
    private static final EmbeddingModelSpec BGE = EmbeddingModels.load(EmbeddingModels.BGE_SMALL_EN_V15_Q);

    private static final String QUESTION = "Which vitamin deficiency causes scurvy?";
    private static final String ANSWER = "Scurvy is caused by a lack of vitamin C in the diet.";
    private static final String UNRELATED = "The bridge was painted red in 1937 and reopened to traffic in spring.";

    @Test
    void should_score_the_passage_on_the_question_s_topic_above_an_unrelated_one__bi_encoder() {
        // when
        List<Double> scores = new BiEncoderScoringModel(MINILM)
                .scoreAll(List.of(TextSegment.from(UNRELATED), TextSegment.from(ANSWER)), QUESTION).content();

        // then
        assertThat(scores).hasSize(2);
        assertThat(scores.get(1)).isGreaterThan(scores.get(0) + 0.2);
    }

    @Test
    void should_score_a_passage_by_its_best_sentence_not_diluted_by_unrelated_ones() {
        // given: the answer sentence alone, and the same sentence among unrelated ones
        String diluted = UNRELATED + " " + ANSWER + " Tickets for the ferry are sold at the harbour office.";

        // when
        List<Double> sentences = new SentenceMaxSimScoringModel(BGE)
                .scoreAll(List.of(TextSegment.from(ANSWER), TextSegment.from(diluted)), QUESTION).content();
        List<Double> passages = new BiEncoderScoringModel(BGE)
                .scoreAll(List.of(TextSegment.from(ANSWER), TextSegment.from(diluted)), QUESTION).content();

        // then: the best sentence scores the same in both passages; a passage vector is pulled down by the rest
        assertThat(sentences.get(1)).isCloseTo(sentences.get(0), within(1e-4));
        assertThat(passages.get(1)).isLessThan(passages.get(0) - 0.02);
    }

    @Test
    void should_return_no_scores_for_no_passages() {
        assertThat(new BiEncoderScoringModel(MINILM).scoreAll(List.of(), QUESTION).content()).isEmpty();
        assertThat(new SentenceMaxSimScoringModel(BGE).scoreAll(List.of(), QUESTION).content()).isEmpty();
    }
}
