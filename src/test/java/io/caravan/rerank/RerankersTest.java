package io.caravan.rerank;

import io.caravan.config.Settings;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RerankersTest {

    private static final CamelContext CONTEXT = new DefaultCamelContext();
    private static final EmbeddingModelSpec BGE = EmbeddingModels.load(EmbeddingModels.BGE_SMALL_EN_V15_Q);

    @AfterAll
    static void closeContext() throws Exception {
        CONTEXT.close();
    }

    /** The shipped defaults of the keys the rerankers read, with {@code overrides}. */
    private static Settings settings(Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.putAll(Map.of("caravan.retrieval.top-k", "5", "caravan.rerank.candidates", "20",
                "caravan.rerank.weight", "0.05", "caravan.rerank.llm.weight", "0.9",
                "caravan.rerank.llm.batch-size", "10", "caravan.rerank.llm.max-passage-chars", "1500"));
        properties.putAll(Map.of("caravan.llm.provider", "none", "caravan.llm.base-url", "", "caravan.llm.model", "",
                "caravan.llm.api-key", "", "caravan.llm.timeout", "30s", "caravan.llm.max-tokens", "512",
                "caravan.llm.temperature", "0.0"));
        properties.putAll(overrides);
        PropertiesComponent component = new PropertiesComponent();
        component.setCamelContext(CONTEXT);
        component.setInitialProperties(properties);
        component.start();
        return new Settings(component);
    }

    @Test
    void should_build_each_named_reranker() {
        Settings settings = settings(Map.of("caravan.llm.provider", "openai", "caravan.llm.model", "m"));

        assertThat(Rerankers.create("none", settings, BGE)).isInstanceOf(NoOpReranker.class);
        for (String name : Rerankers.names().subList(1, Rerankers.names().size())) {
            Reranker reranker = Rerankers.create(name, settings, BGE);
            assertThat(reranker).isInstanceOf(ScoringModelReranker.class);
            assertThat(reranker.name()).isEqualTo(name);
        }
    }

    @Test
    void should_refuse_the_llm_reranker_without_a_language_model() {
        assertThatThrownBy(() -> Rerankers.create("llm", settings(Map.of()), BGE))
                .hasMessageContaining("caravan.llm.provider");
    }

    @Test
    void should_refuse_an_unknown_reranker_or_a_weight_outside_zero_to_one() {
        assertThatThrownBy(() -> Rerankers.create("cohere", settings(Map.of()), BGE))
                .hasMessageContaining("caravan.rerank.model").hasMessageContaining("sentence-max-sim");
        assertThatThrownBy(() -> Rerankers.create("all-minilm-l6-v2-q",
                settings(Map.of("caravan.rerank.weight", "2")), BGE)).hasMessageContaining("caravan.rerank.weight");
    }
}
