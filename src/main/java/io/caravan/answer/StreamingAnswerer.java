package io.caravan.answer;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Asks the streaming chat model, handing each piece of text to a {@link TokenSink} as it arrives, and returns the
 * checked answer once the model is done. Blocks the caller until then, so the circuit breaker around it bounds and
 * counts the call like a plain one (camel-langchain4j-chat 4.17 has no streaming operation). Thread safe.
 */
public final class StreamingAnswerer {

    private final StreamingChatModel model;
    private final CitationChecker checker;

    public StreamingAnswerer(StreamingChatModel model, CitationChecker checker) {
        this.model = Objects.requireNonNull(model, "model");
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    /**
     * Streams the answer to {@code question} into {@code sink}; the returned answer is the whole text, checked.
     *
     * @throws Exception what the model failed with; an interrupt (the breaker's timeout) ends the wait
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
            response = done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return checker.check(prompt, response.aiMessage() == null ? null : response.aiMessage().text(), question);
    }
}
