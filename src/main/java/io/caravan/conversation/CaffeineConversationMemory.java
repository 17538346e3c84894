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

/**
 * The {@link ConversationMemory} of {@code caravan.store=lucene}: sessions in this instance's memory, at most
 * {@code maxSessions} of them (Caffeine evicts the least useful), each forgotten {@code ttl} after its last use,
 * read or written. Thread safe.
 */
public class CaffeineConversationMemory implements ConversationMemory {

    private final int maxTurns;
    private final Cache<SessionKey, List<Turn>> sessions;

    public CaffeineConversationMemory(int maxTurns, Duration ttl, long maxSessions) {
        this(maxTurns, ttl, maxSessions, Ticker.systemTicker());
    }

    CaffeineConversationMemory(int maxTurns, Duration ttl, long maxSessions, Ticker ticker) {
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

    @Override
    public List<Turn> history(Question question, String caller) {
        if (question.sessionId() == null) {
            return List.of();
        }
        List<Turn> turns = sessions.getIfPresent(SessionKey.of(question, caller));
        return turns == null ? List.of() : turns;
    }

    @Override
    public void remember(Question standalone, Answer answer, String caller) {
        if (standalone.sessionId() == null) {
            return;
        }
        Turn turn = new Turn(standalone.text(), answer.answer());
        sessions.asMap().compute(SessionKey.of(standalone, caller), (k, turns) -> {
            List<Turn> next = new ArrayList<>(turns == null ? List.of() : turns);
            next.add(turn);
            return List.copyOf(next.subList(Math.max(0, next.size() - maxTurns), next.size()));
        });
    }
}
