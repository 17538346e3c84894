package io.caravan.llm;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatModelFactoryTest {

    // nothing listens on port 9 (discard) here: building must not connect
    private static final String NOWHERE = "http://127.0.0.1:9/v1";

    @Test
    void should_build_no_model_when_the_provider_is_none() {
        assertThat(ChatModelFactory.create(new LlmSettings(LlmSettings.Provider.NONE, "", "", "",
                Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void should_build_openai_and_ollama_models_without_connecting() {
        assertThat(ChatModelFactory.create(new LlmSettings(LlmSettings.Provider.OPENAI, NOWHERE, "m", "",
                Duration.ofSeconds(1)))).get().isInstanceOf(OpenAiChatModel.class);
        assertThat(ChatModelFactory.create(new LlmSettings(LlmSettings.Provider.OLLAMA, "", "llama3.2", "",
                Duration.ofSeconds(1)))).get().isInstanceOf(OllamaChatModel.class);
    }

    @Test
    void should_refuse_a_provider_without_a_model_or_a_timeout() {
        assertThatThrownBy(() -> new LlmSettings(LlmSettings.Provider.OPENAI, "", " ", "", Duration.ofSeconds(1)))
                .hasMessageContaining("caravan.llm.model");
        assertThatThrownBy(() -> new LlmSettings(LlmSettings.Provider.OLLAMA, "", "m", "", Duration.ZERO))
                .hasMessageContaining("caravan.llm.timeout");
    }

    @Test
    void should_read_the_provider_case_insensitively_and_refuse_an_unknown_one() {
        assertThat(LlmSettings.Provider.of(" OpenAI ")).isEqualTo(LlmSettings.Provider.OPENAI);
        assertThatThrownBy(() -> LlmSettings.Provider.of("anthropic")).hasMessageContaining("caravan.llm.provider");
    }

    @Test
    void should_never_print_the_api_key() {
        assertThat(new LlmSettings(LlmSettings.Provider.OPENAI, "", "m", "sk-secret", Duration.ofSeconds(1))
                .toString()).doesNotContain("sk-secret");
    }

    @Test
    void should_build_streaming_models_without_connecting() {
        var settings = new LlmSettings(LlmSettings.Provider.OPENAI, NOWHERE, "m", "", Duration.ofSeconds(1), 100, 0.5);
        assertThat(ChatModelFactory.createStreaming(settings, List.of())).get()
                .isInstanceOf(OpenAiStreamingChatModel.class);
        assertThat(ChatModelFactory.createStreaming(new LlmSettings(LlmSettings.Provider.OLLAMA, "", "llama3.2", "",
                Duration.ofSeconds(1)), List.of())).get().isInstanceOf(OllamaStreamingChatModel.class);
        assertThat(ChatModelFactory.createStreaming(new LlmSettings(LlmSettings.Provider.NONE, "", "", "",
                Duration.ofSeconds(1)), List.of())).isEmpty();
    }

    @Test
    void should_refuse_a_reply_length_below_one_and_a_temperature_outside_0_to_2() {
        assertThatThrownBy(() -> new LlmSettings(LlmSettings.Provider.OPENAI, "", "m", "", Duration.ofSeconds(1), 0,
                0.0)).hasMessageContaining("caravan.llm.max-tokens");
        assertThatThrownBy(() -> new LlmSettings(LlmSettings.Provider.OPENAI, "", "m", "", Duration.ofSeconds(1), 10,
                2.5)).hasMessageContaining("caravan.llm.temperature");
    }
}
