package io.caravan.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.util.Optional;

/**
 * Builds the configured langchain4j {@link ChatModel}. Building makes no network call: a wrong URL or a server that
 * is down shows on the first question, where the callers fall back, not at start-up.
 */
public final class ChatModelFactory {

    /** OpenAI's API, used when {@code caravan.llm.base-url} is blank and the provider is {@code openai}. */
    public static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** A local Ollama, used when {@code caravan.llm.base-url} is blank and the provider is {@code ollama}. */
    public static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

    private ChatModelFactory() {
    }

    /** The configured chat model, or empty when {@code caravan.llm.provider} is {@code none}. */
    public static Optional<ChatModel> create(LlmSettings settings) {
        return switch (settings.provider()) {
            case NONE -> Optional.empty();
            case OPENAI -> Optional.of(OpenAiChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OPENAI_DEFAULT_BASE_URL))
                    // OpenAI-compatible local servers accept any key; the client insists on one
                    .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                    .modelName(settings.model())
                    .temperature(0.0)
                    .timeout(settings.timeout())
                    // a caller that waits gets a fallback rather than retries that multiply the timeout
                    .maxRetries(0)
                    .build());
            case OLLAMA -> Optional.of(OllamaChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OLLAMA_DEFAULT_BASE_URL))
                    .modelName(settings.model())
                    .temperature(0.0)
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build());
        };
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value;
    }
}
