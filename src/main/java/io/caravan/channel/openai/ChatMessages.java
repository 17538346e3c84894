package io.caravan.channel.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.answer.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads OpenAI's {@code messages} into a question and the turns before it (docs/openai-compatible.md#how-messages-map):
 * the last {@code user} message is the question; each earlier {@code user} message and the {@code assistant} reply
 * after it are one turn (the "Sources:" footer of Caravan's own answers left out). {@code system} and
 * {@code developer} messages are ignored: Caravan's grounding instructions are not the client's to replace; so are
 * {@code tool} messages and whatever follows the question. A content is a string or an array of {@code text} parts.
 *
 * @param question the last user message's text
 * @param turns    the conversation before it, oldest first, at most the {@code maxTurns} latest
 */
record ChatMessages(String question, List<Turn> turns) {

    private static final String PARAM = "messages";

    static ChatMessages read(JsonNode messages, int maxTurns) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidChatRequestException(PARAM, "'messages' is required and must be a non-empty array");
        }
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(role(messages.get(i), i))) {
                last = i;
            }
        }
        if (last < 0) {
            throw new InvalidChatRequestException(PARAM, "'messages' has no message with role 'user'; the last one"
                    + " is the question");
        }
        String question = content(messages.get(last), last).strip();
        if (question.isEmpty()) {
            throw new InvalidChatRequestException(PARAM, "the last 'user' message (messages[" + last + "]) is empty");
        }
        return new ChatMessages(question, turns(messages, last, maxTurns));
    }

    private static List<Turn> turns(JsonNode messages, int end, int maxTurns) {
        List<Turn> turns = new ArrayList<>();
        StringBuilder asked = null;
        for (int i = 0; i < end; i++) {
            JsonNode message = messages.get(i);
            String role = role(message, i);
            if ("user".equals(role)) {
                // two user messages in a row are one question
                asked = asked == null ? new StringBuilder() : asked.append('\n');
                asked.append(content(message, i).strip());
            } else if ("assistant".equals(role) && asked != null) {
                turns.add(new Turn(asked.toString(), SourcesFooter.strip(content(message, i)).strip()));
                asked = null;
            }
        }
        if (asked != null) {
            turns.add(new Turn(asked.toString(), ""));
        }
        return turns.size() > maxTurns ? List.copyOf(turns.subList(turns.size() - maxTurns, turns.size())) : turns;
    }

    private static String role(JsonNode message, int index) {
        if (message == null || !message.isObject() || !message.path("role").isTextual()) {
            throw new InvalidChatRequestException(PARAM, "messages[" + index + "] must be an object with a string"
                    + " 'role'");
        }
        return message.get("role").asText();
    }

    // a string, an array of content parts of type text, or null (an assistant message that only called tools)
    private static String content(JsonNode message, int index) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new InvalidChatRequestException(PARAM, "messages[" + index + "].content must be a string or an"
                    + " array of content parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw new InvalidChatRequestException(PARAM, "messages[" + index + "].content: only parts of type"
                        + " 'text' with a string 'text' are supported, not '" + part.path("type").asText() + "'");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }
}
