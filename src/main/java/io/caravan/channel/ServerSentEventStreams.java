package io.caravan.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Answer;

import java.util.Map;

/**
 * Opens and ends the server-sent event streams of {@code POST /api/ask} with {@code Accept: text/event-stream}:
 * {@code token} events carry pieces of the answer text ({@code {"text": "..."}}), as the model writes them (one
 * event with the whole text when the answer was not streamed: extractive, or the LLM failed before writing);
 * {@code done} ends a stream with the whole answer JSON, checked citations included, whose text is authoritative;
 * {@code error} ends a failed one with the JSON error body. Thread safe.
 */
public class ServerSentEventStreams {

    private final ObjectMapper json;
    private final ErrorReplies errors;

    public ServerSentEventStreams(ObjectMapper json, ErrorReplies errors) {
        this.json = json;
        this.errors = errors;
    }

    /** A new, empty stream. */
    public ServerSentEvents open() {
        return new ServerSentEvents(text -> write(Map.of("text", text)));
    }

    /** Ends {@code stream} with {@code answer}: its text as a token if no token was sent, then {@code done}. */
    public void done(ServerSentEvents stream, Answer answer) {
        if (!stream.tokensSent()) {
            stream.token(answer.answer());
        }
        stream.send("done", write(answer));
        stream.close();
    }

    /** Ends {@code stream} with an {@code error} event for {@code failure}. */
    public void fail(ServerSentEvents stream, Throwable failure, String requestId) {
        stream.send("error", write(errors.replyFor(failure, requestId)));
        stream.close();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
