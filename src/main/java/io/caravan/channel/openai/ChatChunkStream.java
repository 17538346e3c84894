package io.caravan.channel.openai;

import io.caravan.answer.TokenSink;
import io.caravan.channel.ServerSentEvents;

import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/**
 * One streamed chat completion (docs/openai-compatible.md#streaming): each piece of answer text becomes a
 * {@code chat.completion.chunk} sent as an unnamed server-sent event ({@code data: {...}}), all with one id, creation
 * time and model. Writers never block; the HTTP server reads {@link #inputStream()}. Thread safe.
 */
public final class ChatChunkStream implements TokenSink {

    private final ServerSentEvents events = new ServerSentEvents(data -> data, false);
    private final String id;
    private final long created;
    private final String model;
    private final Function<Object, String> json;

    ChatChunkStream(String id, long created, String model, Function<Object, String> json) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.json = json;
    }

    /** Sends a piece of the answer text as a content delta. */
    @Override
    public void token(String text) {
        if (text != null && !text.isEmpty()) {
            events.token(json.apply(chunk(new ChatCompletionChunk.Delta(null, text), null)));
        }
    }

    /** Whether any answer text was sent. */
    boolean textSent() {
        return events.tokensSent();
    }

    /** A chunk of this stream with one choice. */
    ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta, String finishReason) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatCompletionChunk.Choice(0, delta, null, finishReason)), null, null, null);
    }

    /** A chunk of this stream with no choice and the token counts. */
    ChatCompletionChunk usageChunk(ChatCompletion.Usage usage) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null, null);
    }

    /** Sends {@code value} as one event's JSON data. */
    void send(Object value) {
        events.send(json.apply(value));
    }

    /** Sends the {@code [DONE]} event that ends every OpenAI stream, then ends the stream. */
    void finish() {
        events.send("[DONE]");
        events.close();
    }

    /** The event stream for the HTTP response; it blocks until the next event and ends after {@code [DONE]}. */
    public InputStream inputStream() {
        return events.inputStream();
    }
}
