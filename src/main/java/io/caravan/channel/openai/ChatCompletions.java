package io.caravan.channel.openai;

import io.caravan.answer.Answer;

import java.time.Clock;
import java.util.List;

/**
 * Writes an {@link Answer} as a {@code chat.completion} (docs/openai-compatible.md#replies): the answer text as the
 * assistant's message, with the "Sources:" footer when it is on, and the citations in the extension field. Thread
 * safe.
 */
public class ChatCompletions {

    /** What an OpenAI completion id starts with; the request id follows. */
    static final String ID_PREFIX = "chatcmpl-";

    private final boolean sourcesFooter;
    private final Clock clock;

    /** @param sourcesFooter {@code caravan.openai.sources-footer}, the default of requests that do not say */
    public ChatCompletions(boolean sourcesFooter, Clock clock) {
        this.sourcesFooter = sourcesFooter;
        this.clock = clock;
    }

    /** The completion that answers {@code request}. */
    public ChatCompletion completion(Answer answer, ChatRequest request) {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant",
                answer.answer() + footer(answer, request), null);
        return new ChatCompletion(ID_PREFIX + answer.requestId(), "chat.completion", now(), request.model(),
                List.of(new ChatCompletion.Choice(0, message, null, "stop")), ChatCompletion.Usage.NONE,
                answer.citations(), ChatCompletion.Extension.of(answer));
    }

    /** The "Sources:" footer that ends the answer's text for {@code request}, or an empty string. */
    public String footer(Answer answer, ChatRequest request) {
        boolean on = request.sourcesFooter() == null ? sourcesFooter : request.sourcesFooter();
        return on ? SourcesFooter.of(answer.citations()) : "";
    }

    /** Epoch seconds now, the {@code created} of completions and chunks. */
    long now() {
        return clock.instant().getEpochSecond();
    }
}
