package io.caravan.answer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A question as every channel hands it to {@code direct:ask}.
 *
 * @param requestId  correlates logs and the reply
 * @param text       the question
 * @param sessionId  conversation id, or {@code null}
 * @param filters    exact-match metadata filters
 * @param topK       passages to answer from, or {@code null} for the configured default
 * @param groups     the caller's ACL groups
 * @param channel    where the question came from ({@code http}, {@code jms}, {@code mail}, {@code cli},
 *                   {@code openai})
 * @param preference who may write the answer; {@code null} is {@link AnswerPreference#CONFIGURED}
 * @param history    the earlier turns as the channel holds them, oldest first (the OpenAI-compatible channel, whose
 *                   clients send the whole conversation), or {@code null} when the conversation memory holds them by
 *                   {@code sessionId} (docs/architecture.md#conversations)
 */
public record Question(String requestId, String text, String sessionId, Map<String, String> filters, Integer topK,
                       Set<String> groups, String channel, AnswerPreference preference, List<Turn> history) {
    public Question {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(text, "text");
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        groups = Set.copyOf(groups);
        preference = preference == null ? AnswerPreference.CONFIGURED : preference;
        history = history == null ? null : List.copyOf(history);
    }

    /** A question answered the configured way, its conversation (if any) in the memory under {@code sessionId}. */
    public Question(String requestId, String text, String sessionId, Map<String, String> filters, Integer topK,
                    Set<String> groups, String channel) {
        this(requestId, text, sessionId, filters, topK, groups, channel, AnswerPreference.CONFIGURED, null);
    }

    /** The same question with another text (a condensed follow-up, a query variant). */
    public Question withText(String newText) {
        return new Question(requestId, newText, sessionId, filters, topK, groups, channel, preference, history);
    }

    /** Whether the answer must be extractive whatever is configured (no language model may be called for it). */
    public boolean extractiveOnly() {
        return preference == AnswerPreference.EXTRACTIVE;
    }
}
