package io.caravan.conversation;

import dev.langchain4j.model.chat.ChatModel;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.caravan.throttle.LlmPermits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Turns a follow-up into a standalone question before retrieval: with the language model when one is configured
 * ({@link CondensePrompt}), otherwise, or when the model fails or is busy, with the previous question's
 * {@link KeyTerms} (always for a question that must be answered extractively). A question without earlier turns is
 * returned as it is. Thread safe.
 */
public class QuestionCondenser {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionCondenser.class);
    /** A reply longer than this is not a question but a model that did not follow the instructions. */
    private static final int MAX_CONDENSED_CHARS = 1000;

    private final Optional<ChatModel> model;
    private final LlmPermits permits;

    public QuestionCondenser(Optional<ChatModel> model, LlmPermits permits) {
        this.model = model;
        this.permits = permits;
    }

    /** The standalone form of {@code question} after {@code history} (oldest turn first). */
    public Question condense(Question question, List<Turn> history) {
        if (history == null || history.isEmpty()) {
            return question;
        }
        String previous = history.get(history.size() - 1).question();
        String fallback = KeyTerms.condense(previous, question.text());
        // a question that must be answered extractively reaches no language model, not even to be condensed
        if (model.isEmpty() || question.extractiveOnly()) {
            return question.withText(fallback);
        }
        try {
            String reply = permits.withPermit(() -> model.get()
                    .chat(CondensePrompt.messages(history, question.text())).aiMessage().text());
            String condensed = reply == null ? "" : reply.strip().lines().findFirst().orElse("").strip();
            if (condensed.isEmpty() || condensed.length() > MAX_CONDENSED_CHARS) {
                LOG.warn("condensing gave no usable question requestId={}, key terms used", question.requestId());
                return question.withText(fallback);
            }
            return question.withText(condensed);
        } catch (RuntimeException e) {
            LOG.warn("condensing with the LLM failed requestId={}, key terms used: {}", question.requestId(),
                    e.toString());
            return question.withText(fallback);
        }
    }
}
