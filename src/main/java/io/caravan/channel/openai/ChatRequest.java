package io.caravan.channel.openai;

import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Turn;

import java.util.List;
import java.util.Objects;

/**
 * What Caravan takes from an OpenAI chat completion request (docs/openai-compatible.md#how-messages-map).
 *
 * @param model         the model named (or {@code caravan}), echoed in the reply
 * @param preference    who may write the answer, from the model
 * @param question      the text of the last {@code user} message
 * @param history       the conversation before it as turns, oldest first (empty for a first question)
 * @param stream        whether the reply is a stream of chunks
 * @param includeUsage  whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param sourcesFooter whether the text ends with a "Sources:" list, or {@code null} for the configured default
 */
public record ChatRequest(String model, AnswerPreference preference, String question, List<Turn> history,
                          boolean stream, boolean includeUsage, Boolean sourcesFooter) {
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(question, "question");
        history = List.copyOf(history);
    }
}
