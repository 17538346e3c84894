package io.caravan.channel.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.caravan.answer.Answer;
import io.caravan.answer.Citation;

import java.util.List;

/**
 * A {@code chat.completion} object as OpenAI writes it, with two extension fields that OpenAI clients pass through
 * as unknown properties (docs/openai-compatible.md#the-citations-extension): {@code citations}, Caravan's citation
 * objects as {@code POST /api/ask} returns them, and {@code caravan}, how the answer was made.
 *
 * @param id        {@code chatcmpl-<requestId>}
 * @param object    always {@code chat.completion}
 * @param created   epoch seconds
 * @param model     the model the request named
 * @param choices   one choice
 * @param usage     tokens of the answer's LLM call; zeros (docs/openai-compatible.md#usage)
 * @param citations the passages the answer cites, numbered as in its text
 * @param caravan   the answer's mode and flags
 */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
                             List<Citation> citations, Extension caravan) {

    public ChatCompletion {
        choices = List.copyOf(choices);
        citations = List.copyOf(citations);
    }

    /**
     * The one choice.
     *
     * @param index        always 0
     * @param message      the assistant's message
     * @param logprobs     always {@code null}
     * @param finishReason always {@code stop}
     */
    public record Choice(int index, Message message, Object logprobs,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The assistant's message.
     *
     * @param role    always {@code assistant}
     * @param content the answer text, with the "Sources:" footer when it is on
     * @param refusal always {@code null}
     */
    public record Message(String role, String content, Object refusal) {
    }

    /** Token counts as OpenAI reports them. */
    public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
                        @JsonProperty("completion_tokens") long completionTokens,
                        @JsonProperty("total_tokens") long totalTokens) {

        /** No counts known (an extractive answer reads and writes no tokens). */
        public static final Usage NONE = new Usage(0, 0, 0);
    }

    /**
     * How the answer was made, as {@code POST /api/ask} says it.
     *
     * @param mode      {@code llm} or {@code extractive}
     * @param degraded  the LLM failed and the extractive fallback answered
     * @param cached    the answer came from the answer cache
     * @param requestId the request id of the logs and the audit trail
     */
    public record Extension(String mode, boolean degraded, boolean cached, String requestId) {

        static Extension of(Answer answer) {
            return new Extension(answer.mode(), answer.degraded(), answer.cached(), answer.requestId());
        }
    }
}
