package io.caravan.channel.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.caravan.answer.Citation;

import java.util.List;

/**
 * A {@code chat.completion.chunk} of a streamed reply (docs/openai-compatible.md#streaming). The last chunk, with
 * {@code finish_reason} {@code stop}, carries the {@code citations} and {@code caravan} extension fields; the
 * others leave them out, and {@code usage} too.
 *
 * @param id        the same {@code chatcmpl-<requestId>} on every chunk of a reply
 * @param object    always {@code chat.completion.chunk}
 * @param created   epoch seconds, the same on every chunk
 * @param model     the model the request named
 * @param choices   one choice, none in the usage chunk
 * @param usage     on the usage chunk only
 * @param citations on the last chunk only
 * @param caravan   on the last chunk only
 */
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) ChatCompletion.Usage usage,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Citation> citations,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) ChatCompletion.Extension caravan) {

    public ChatCompletionChunk {
        choices = List.copyOf(choices);
    }

    /**
     * The one choice of a chunk.
     *
     * @param index        always 0
     * @param delta        what the chunk adds to the message
     * @param logprobs     always {@code null}
     * @param finishReason {@code null} until the last chunk, then {@code stop}
     */
    public record Choice(int index, Delta delta, Object logprobs,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * What a chunk adds: the role on the first, text on the others, nothing on the last.
     *
     * @param role    {@code assistant} on the first chunk, else left out
     * @param content a piece of the answer text, else left out
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
