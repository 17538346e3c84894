package io.caravan.channel.jms;

import io.caravan.answer.Question;
import io.caravan.channel.QuestionReader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a question from a JMS message body: plain text, or the same JSON as HTTP when the text is a JSON object.
 * A message that can never be answered (no reply destination, a body that is not text) is a
 * {@link PoisonMessageException}; an invalid question is the same 400 error as over HTTP. Thread safe.
 */
public class JmsQuestions {

    /** Channel name of questions asked over JMS. */
    public static final String CHANNEL = "jms";

    private final QuestionReader reader;

    public JmsQuestions(QuestionReader reader) {
        this.reader = reader;
    }

    /**
     * Refuses a message with no {@code JMSReplyTo}: its answer would have nowhere to go.
     *
     * @throws PoisonMessageException when {@code replyTo} is {@code null}
     */
    public void requireReplyTo(Object replyTo) {
        if (replyTo == null) {
            throw new PoisonMessageException("the message has no JMSReplyTo, so its answer would have nowhere to go;"
                    + " set JMSReplyTo (a temporary queue, or a queue of yours) and a JMSCorrelationID");
        }
    }

    /**
     * The question in {@code body}: a {@code String} (TextMessage) or UTF-8 {@code byte[]} (BytesMessage).
     *
     * @throws PoisonMessageException when the body is not text
     * @throws io.caravan.channel.ApiException (400, 413) when the question is invalid
     */
    public Question read(Object body, String requestId, Set<String> groups) {
        String text = text(body);
        if (text.stripLeading().startsWith("{")) {
            return reader.readJson(text, requestId, groups, CHANNEL);
        }
        return reader.readText(text, requestId, groups, CHANNEL);
    }

    private static String text(Object body) {
        if (body == null) {
            return "";
        }
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new PoisonMessageException("the BytesMessage body is not UTF-8 text; send the question as a"
                        + " TextMessage (plain text or {\"question\": \"...\"})");
            }
        }
        String kind = body instanceof java.util.Map ? "MapMessage" : "ObjectMessage (" + body.getClass().getName() + ")";
        throw new PoisonMessageException("a " + kind + " cannot be read as a question; send a TextMessage (plain"
                + " text or {\"question\": \"...\"})");
    }
}
