package io.caravan.answer;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the streaming chat model, handing each piece of text to a {@link TokenSink} as it arrives, and returns the
 * checked answer once the model is done. Blocks the caller until then, so the circuit breaker around it counts the
 * call like a plain one (camel-langchain4j-chat 4.17 has no streaming operation). Thread safe.
 */
public final class StreamingAnswerer {

    private final StreamingChatModel model;
    private final CitationChecker checker;
    private final Duration timeout;

    /** @param timeout longest wait for the whole stream ({@code caravan.llm.timeout}) */
    public StreamingAnswerer(StreamingChatModel model, CitationChecker checker, Duration timeout) {
        this.model = Objects.requireNonNull(model, "model");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Streams the answer to {@code question} into {@code sink}; the returned answer is the whole text, checked.
     *
     * @throws Exception what the model failed with, or a {@link TimeoutException} when the stream did not end in time
     */
    public Answer stream(Prompt prompt, Question question, TokenSink sink) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt.messages(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                sink.token(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response;
        try {
            // the HTTP client's timeout ends at the first byte of a stream: this one bounds all of it
            response = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return checker.check(prompt, response.aiMessage() == null ? null : response.aiMessage().text(), question);
    }
}
