package io.caravan.llm;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why an LLM call failed (the HTTP status and message the server sent, a refused connection, ...): the circuit
 * breaker's fallback knows that the call failed but not always why. Thread safe.
 */
public final class LlmErrorLogger implements ChatModelListener {

    private static final Logger LOG = LoggerFactory.getLogger(LlmErrorLogger.class);

    @Override
    public void onError(ChatModelErrorContext context) {
        Throwable error = context.error();
        String message = error.getMessage() == null ? "" : error.getMessage();
        LOG.warn("LLM call failed error={} message=\"{}\"", error.getClass().getSimpleName(),
                message.length() > 300 ? message.substring(0, 300) + "…" : message);
    }
}
