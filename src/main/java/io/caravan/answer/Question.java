package io.caravan.answer;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A question as every channel hands it to {@code direct:ask}.
 *
 * @param requestId correlates logs and the reply
 * @param text      the question
 * @param sessionId conversation id, or {@code null}
 * @param filters   exact-match metadata filters
 * @param topK      passages to answer from, or {@code null} for the configured default
 * @param groups    the caller's ACL groups
 * @param channel   where the question came from ({@code http}, {@code jms}, {@code mail}, {@code cli})
 */
public record Question(String requestId, String text, String sessionId, Map<String, String> filters, Integer topK,
                       Set<String> groups, String channel) {
    public Question {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(text, "text");
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        groups = Set.copyOf(groups);
    }

    /** The same question with another text (a condensed follow-up, a query variant). */
    public Question withText(String newText) {
        return new Question(requestId, newText, sessionId, filters, topK, groups, channel);
    }
}
