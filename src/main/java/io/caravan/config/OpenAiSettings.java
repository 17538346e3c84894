package io.caravan.config;

/**
 * The OpenAI-compatible channel's keys ({@code caravan.openai.*}, docs/openai-compatible.md).
 *
 * @param sourcesFooter whether an answer's text ends with a plain "Sources:" list of its citations, which every
 *                      client shows (a request may say otherwise)
 */
public record OpenAiSettings(boolean sourcesFooter) {

    static OpenAiSettings read(Settings settings) {
        return new OpenAiSettings(settings.bool("caravan.openai.sources-footer"));
    }
}
