package io.caravan.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.util.List;
import java.util.Optional;

/**
 * Builds the configured langchain4j {@link ChatModel} (and its streaming twin). Building makes no network call: a
 * wrong URL or a server that is down shows on the first question, where the callers fall back, not at start-up.
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
        return create(settings, List.of());
    }

    /** The configured chat model, telling {@code listeners} of every request, or empty for provider none. */
    public static Optional<ChatModel> create(LlmSettings settings, List<ChatModelListener> listeners) {
        return switch (settings.provider()) {
            case NONE -> Optional.empty();
            case OPENAI -> Optional.of(OpenAiChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OPENAI_DEFAULT_BASE_URL))
                    // OpenAI-compatible local servers accept any key; the client insists on one
                    .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    // max_tokens: the field every OpenAI-compatible server (vLLM, llama.cpp, LM Studio) reads
                    .maxTokens(settings.maxTokens())
                    .timeout(settings.timeout())
                    .listeners(listeners)
                    // a caller that waits gets a fallback rather than retries that multiply the timeout
                    .maxRetries(0)
                    .build());
            case OLLAMA -> Optional.of(OllamaChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OLLAMA_DEFAULT_BASE_URL))
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .numPredict(settings.maxTokens())
                    .timeout(settings.timeout())
                    .listeners(listeners)
                    .maxRetries(0)
                    .build());
        };
    }

    /** The configured model answering token by token, or empty when {@code caravan.llm.provider} is none. */
    public static Optional<StreamingChatModel> createStreaming(LlmSettings settings,
                                                               List<ChatModelListener> listeners) {
        return switch (settings.provider()) {
            case NONE -> Optional.empty();
            case OPENAI -> Optional.of(OpenAiStreamingChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OPENAI_DEFAULT_BASE_URL))
                    .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .maxTokens(settings.maxTokens())
                    .timeout(settings.timeout())
                    .listeners(listeners)
                    .build());
            case OLLAMA -> Optional.of(OllamaStreamingChatModel.builder()
                    .baseUrl(orDefault(settings.baseUrl(), OLLAMA_DEFAULT_BASE_URL))
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .numPredict(settings.maxTokens())
                    .timeout(settings.timeout())
                    .listeners(listeners)
                    .build());
        };
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value;
    }
}
