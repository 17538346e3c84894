package io.caravan.answer;

import dev.langchain4j.data.message.ChatMessage;
import io.caravan.index.Hit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the LLM is sent and which passage each number stands for.
 *
 * @param messages the system and user messages
 * @param passages the passages in the prompt, passage {@code [n]} at index {@code n - 1}; those that did not fit the
 *                 context budget are not here
 */
public record Prompt(List<ChatMessage> messages, List<Hit> passages) {
    public Prompt {
        messages = List.copyOf(messages);
        passages = List.copyOf(passages);
    }

    /** A mutable copy of the messages: the langchain4j-chat producer writes into the list it is given. */
    public List<ChatMessage> messagesToSend() {
        return new ArrayList<>(messages);
    }
}
