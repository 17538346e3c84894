package io.caravan.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The language model's {@code caravan.llm.*} keys, checked when built.
 *
 * @param provider which API to talk to
 * @param baseUrl  the API's base URL; blank for the provider's default
 * @param model    the model name the provider knows
 * @param apiKey   bearer key (OpenAI-compatible servers); blank for none
 * @param timeout  longest wait for one reply
 * @param maxTokens   most tokens the model may generate in one reply
 * @param temperature sampling temperature, 0 (deterministic) to 2
 */
public record LlmSettings(Provider provider, String baseUrl, String model, String apiKey, Duration timeout,
                          int maxTokens, double temperature) {

    /** Default reply length when not configured: room for a cited paragraph or two. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    /** The supported providers ({@code caravan.llm.provider}). */
    public enum Provider {
        /** No language model: answers are extractive and the LLM reranker is unavailable. */
        NONE,
        /** OpenAI or any OpenAI-compatible chat completions server (vLLM, llama.cpp server, LocalAI, ...). */
        OPENAI,
        /** An Ollama server. */
        OLLAMA;

        /** The provider named {@code value} (any case), as {@code caravan.llm.provider} gives it. */
        public static Provider of(String value) {
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
        if (maxTokens < 1) {
            throw new IllegalStateException("caravan.llm.max-tokens must be at least 1, was " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalStateException("caravan.llm.temperature must be between 0 and 2, was " + temperature);
        }
    }

    /** Settings with the default reply length and temperature 0. */
    public LlmSettings(Provider provider, String baseUrl, String model, String apiKey, Duration timeout) {
        this(provider, baseUrl, model, apiKey, timeout, DEFAULT_MAX_TOKENS, 0.0);
    }

    /** The provider's name as configured, lower case ({@code openai}, {@code ollama}). */
    public String providerName() {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    /** Whether a language model is configured. */
    public boolean configured() {
        return provider != Provider.NONE;
    }

    @Override
    public String toString() {
        // never print the key
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "" : "***") + ", timeout=" + timeout + ", maxTokens=" + maxTokens
                + ", temperature=" + temperature + "]";
    }
}
