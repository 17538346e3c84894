package io.caravan.conversation;

import java.time.Duration;

/** The conversation contract in this instance's memory. */
class CaffeineConversationMemoryTest extends ConversationMemoryContract {

    @Override
    protected ConversationMemory newMemory(int maxTurns, Duration ttl, long maxSessions) {
        return new CaffeineConversationMemory(maxTurns, ttl, maxSessions, nanos::get);
    }
}
