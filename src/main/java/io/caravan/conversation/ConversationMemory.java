package io.caravan.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The earlier turns of each conversation: at most {@code maxTurns} per session (the oldest leave first), forgotten
 * {@code ttl} after the session's last use, at most {@code maxSessions} sessions (Caffeine evicts the least useful).
 *
 * <p>A session belongs to the caller that opened it: it is found by caller and ACL groups together with the
 * {@code sessionId}, so another caller naming the same id (guessed or by accident) gets a conversation of its own and
 * never reads the first one's turns. Thread safe.
 */
public class ConversationMemory {

    private final int maxTurns;
    private final Cache<SessionKey, List<Turn>> sessions;

    /** Whose conversation: caller identity, its groups, and the id it chose. */
    private record SessionKey(String caller, SortedSet<String> groups, String sessionId) {
    }

    public ConversationMemory(int maxTurns, Duration ttl, long maxSessions) {
        this(maxTurns, ttl, maxSessions, Ticker.systemTicker());
    }

    ConversationMemory(int maxTurns, Duration ttl, long maxSessions, Ticker ticker) {
        if (maxTurns < 1) {
            throw new IllegalStateException("caravan.conversation.max-turns must be at least 1, was " + maxTurns);
        }
        this.maxTurns = maxTurns;
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(ttl)
                .maximumSize(maxSessions)
                .ticker(ticker)
                .build();
    }

    /** The earlier turns of the question's conversation, oldest first; empty without a sessionId. */
    public List<Turn> history(Question question, String caller) {
        if (question.sessionId() == null) {
            return List.of();
        }
        List<Turn> turns = sessions.getIfPresent(key(question, caller));
        return turns == null ? List.of() : turns;
    }

    /** Adds the answered question as the conversation's latest turn; nothing without a sessionId. */
    public void remember(Question standalone, Answer answer, String caller) {
        if (standalone.sessionId() == null) {
            return;
        }
        Turn turn = new Turn(standalone.text(), answer.answer());
        sessions.asMap().compute(key(standalone, caller), (k, turns) -> {
            List<Turn> next = new ArrayList<>(turns == null ? List.of() : turns);
            next.add(turn);
            return List.copyOf(next.subList(Math.max(0, next.size() - maxTurns), next.size()));
        });
    }

    private static SessionKey key(Question question, String caller) {
        return new SessionKey(Objects.requireNonNullElse(caller, "local"), new TreeSet<>(question.groups()),
                question.sessionId());
    }
}
