package io.caravan.rerank;

import dev.langchain4j.model.chat.ChatModel;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmSettings;
import io.caravan.throttle.LlmPermits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RerankersTest {

    private static final EmbeddingModelSpec BGE = EmbeddingModels.load(EmbeddingModels.BGE_SMALL_EN_V15_Q);
    private static final LlmPermits PERMITS = new LlmPermits(true, 1, Duration.ofSeconds(1));

    /** The shipped defaults of the caravan.rerank.* keys, naming {@code model}. */
    private static RerankSettings settings(String model, double weight) {
        return new RerankSettings(model, 20, weight, 0.9, 10, 1500);
    }

    private static Optional<ChatModel> chatModel() {
        return ChatModelFactory.create(new LlmSettings(LlmSettings.Provider.OPENAI, "http://127.0.0.1:9/v1", "m", "",
                Duration.ofSeconds(1)));
    }

    @Test
    void should_build_each_named_reranker() {
        assertThat(Rerankers.create(settings("none", 0.05), 5, BGE, chatModel(), PERMITS))
                .isInstanceOf(NoOpReranker.class);
        for (String name : Rerankers.names().subList(1, Rerankers.names().size())) {
            Reranker reranker = Rerankers.create(settings(name, 0.05), 5, BGE, chatModel(), PERMITS);
            assertThat(reranker).isInstanceOf(ScoringModelReranker.class);
            assertThat(reranker.name()).isEqualTo(name);
        }
    }

    @Test
    void should_refuse_the_llm_reranker_without_a_language_model() {
        assertThatThrownBy(() -> Rerankers.create(settings("llm", 0.05), 5, BGE, Optional.empty(), PERMITS))
                .hasMessageContaining("caravan.llm.provider");
    }

    @Test
    void should_refuse_an_unknown_reranker_or_a_weight_outside_zero_to_one() {
        assertThatThrownBy(() -> settings("cohere", 0.05))
                .hasMessageContaining("caravan.rerank.model").hasMessageContaining("sentence-max-sim");
        assertThatThrownBy(() -> Rerankers.create(settings("all-minilm-l6-v2-q", 2), 5, BGE, Optional.empty(),
                PERMITS)).hasMessageContaining("caravan.rerank.weight");
    }
}
