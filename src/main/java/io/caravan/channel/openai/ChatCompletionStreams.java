package io.caravan.channel.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Answer;

/**
 * Opens and ends the streamed replies of {@code POST /v1/chat/completions} with {@code "stream": true}
 * (docs/openai-compatible.md#streaming): a first chunk with the assistant role, content chunks as the answer is
 * written (the whole text in one when it was not streamed: extractive, cached, or the LLM failed before writing),
 * the footer as a last content chunk when it is on, a final chunk with {@code finish_reason} {@code stop} and the
 * citations, a usage chunk when asked for, then {@code data: [DONE]}. A failure after the stream began ends it with
 * an OpenAI error object as data, then {@code [DONE]}, as OpenAI-compatible servers do. Thread safe.
 */
public class ChatCompletionStreams {

    private final ObjectMapper json;
    private final ChatCompletions completions;
    private final OpenAiErrors errors;

    public ChatCompletionStreams(ObjectMapper json, ChatCompletions completions, OpenAiErrors errors) {
        this.json = json;
        this.completions = completions;
        this.errors = errors;
    }

    /** A new stream for {@code request}, its role chunk already queued. */
    public ChatChunkStream open(ChatRequest request, String requestId) {
        ChatChunkStream stream = new ChatChunkStream(ChatCompletions.ID_PREFIX + requestId, completions.now(),
                request.model(), this::write);
        stream.send(stream.chunk(new ChatCompletionChunk.Delta("assistant", ""), null));
        return stream;
    }

    /** Ends {@code stream} with {@code answer}: text not sent yet, the footer, the final chunk, usage, [DONE]. */
    public void done(ChatChunkStream stream, Answer answer, ChatRequest request) {
        if (!stream.textSent()) {
            stream.token(answer.answer());
        }
        stream.token(completions.footer(answer, request));
        ChatCompletionChunk last = stream.chunk(new ChatCompletionChunk.Delta(null, null), "stop");
        stream.send(new ChatCompletionChunk(last.id(), last.object(), last.created(), last.model(), last.choices(),
                null, answer.citations(), ChatCompletion.Extension.of(answer)));
        if (request.includeUsage()) {
            stream.send(stream.usageChunk(ChatCompletion.Usage.NONE));
        }
        stream.finish();
    }

    /** Ends {@code stream} with the OpenAI error object for {@code failure}, then {@code [DONE]}. */
    public void fail(ChatChunkStream stream, Throwable failure, String requestId) {
        stream.send(errors.replyFor(failure, requestId));
        stream.finish();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
