package io.caravan.llm;

import io.caravan.config.Settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code caravan.llm.*} keys, checked when read.
 *
 * @param provider which API to talk to
 * @param baseUrl  the API's base URL; blank for the provider's default
 * @param model    the model name the provider knows
 * @param apiKey   bearer key (OpenAI-compatible servers); blank for none
 * @param timeout  longest wait for one reply
 */
public record LlmSettings(Provider provider, String baseUrl, String model, String apiKey, Duration timeout) {

    /** The supported providers ({@code caravan.llm.provider}). */
    public enum Provider {
        /** No language model: answers are extractive and the LLM reranker is unavailable. */
        NONE,
        /** OpenAI or any OpenAI-compatible chat completions server (vLLM, llama.cpp server, LocalAI, ...). */
        OPENAI,
        /** An Ollama server. */
        OLLAMA;

        static Provider of(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (Provider p : values()) {
                if (p.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return p;
                }
            }
            throw new IllegalStateException("caravan.llm.provider must be none, openai or ollama, was '" + value + "'");
        }
    }

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        Objects.requireNonNull(timeout, "timeout");
        if (provider != Provider.NONE && model.isEmpty()) {
            throw new IllegalStateException("caravan.llm.model must name a model when caravan.llm.provider is "
                    + provider.name().toLowerCase(Locale.ROOT));
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalStateException("caravan.llm.timeout must be positive, was " + timeout);
        }
    }

    /** Reads the {@code caravan.llm.*} keys. */
    public static LlmSettings from(Settings settings) {
        return new LlmSettings(Provider.of(settings.string("caravan.llm.provider")),
                settings.string("caravan.llm.base-url"), settings.string("caravan.llm.model"),
                settings.string("caravan.llm.api-key"), settings.duration("caravan.llm.timeout"));
    }

    /** Whether a language model is configured. */
    public boolean configured() {
        return provider != Provider.NONE;
    }

    @Override
    public String toString() {
        // never print the key
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "" : "***") + ", timeout=" + timeout + "]";
    }
}
