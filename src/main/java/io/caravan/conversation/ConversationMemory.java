package io.caravan.conversation;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;

import java.util.List;

/**
 * The earlier turns of each conversation (docs/architecture.md#conversations): at most
 * {@code caravan.conversation.max-turns} per session (the oldest leave first), forgotten
 * {@code caravan.conversation.ttl} after the session's last use. In this instance's memory with Lucene
 * ({@link CaffeineConversationMemory}); shared by every instance on the alias with Elasticsearch
 * ({@link ElasticsearchConversationMemory}), so a follow-up a load balancer sends to another instance keeps its
 * context.
 *
 * <p>A session belongs to the caller that opened it: it is found by caller and ACL groups together with the
 * {@code sessionId}, so another caller naming the same id (guessed or by accident) gets a conversation of its own and
 * never reads the first one's turns. Implementations are thread safe.
 */
public interface ConversationMemory {

    /** The earlier turns of the question's conversation, oldest first; empty without a sessionId. */
    List<Turn> history(Question question, String caller);

    /** Adds the answered question as the conversation's latest turn; nothing without a sessionId. */
    void remember(Question standalone, Answer answer, String caller);
}
