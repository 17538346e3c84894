package io.caravan.channel.jms;

import io.caravan.answer.Question;
import io.caravan.channel.QuestionReader;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;

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
     * Where the answer to a message goes: its {@code JMSReplyTo}, with a type. A name without one is a queue, or a
     * topic when it starts with {@value EmbeddedJmsBroker#MULTICAST_PREFIX}: Artemis passes a STOMP client's
     * {@code reply-to} header on verbatim, and its JMS client, finding neither queue nor topic in such a name, would
     * send as to a topic, which a client's queue {@code my.replies} refuses ("does not support MULTICAST
     * routing"). Typed destinations ({@code queue://x}, temporary queues, AMQP reply-to addresses) stay as they are.
     *
     * @param replyTo the {@code JMSReplyTo} header: a {@link Destination}, a destination name, or {@code null}
     * @throws PoisonMessageException when {@code replyTo} is {@code null}: the answer would have nowhere to go
     */
    public Destination replyDestination(Object replyTo) {
        if (replyTo instanceof ActiveMQDestination destination
                && destination.getType() == ActiveMQDestination.TYPE.DESTINATION) {
            return typed(destination.getAddress());
        }
        if (replyTo instanceof Destination destination) {
            return destination;
        }
        if (replyTo instanceof String name && !name.isBlank()) {
            ActiveMQDestination destination = ActiveMQDestination.fromPrefixedName(name);
            return destination.getType() == ActiveMQDestination.TYPE.DESTINATION ? typed(name) : destination;
        }
        throw new PoisonMessageException("the message has no JMSReplyTo, so its answer would have nowhere to go;"
                + " set JMSReplyTo (a temporary queue, or a queue of yours) and a JMSCorrelationID");
    }

    /** The reply's {@code JMSCorrelationID}: the question's, else its {@code JMSMessageID}, as camel-jms does. */
    public String replyCorrelationId(String correlationId, String messageId) {
        return correlationId == null || correlationId.isEmpty() ? messageId : correlationId;
    }

    /** Why a reply went to the dead letter queue: its destination and the broker's or client's refusal. */
    public String undeliveredReason(Destination destination, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "the reply could not be sent to " + describe(destination) + ": " + cause.getMessage();
    }

    /** A reply destination for logs and dead-letter reasons: {@code queue my.replies}, {@code topic /topic/x}. */
    public String describe(Destination destination) {
        try {
            if (destination instanceof Queue queue) {
                return "queue " + queue.getQueueName();
            }
            if (destination instanceof Topic topic) {
                return "topic " + topic.getTopicName();
            }
        } catch (JMSException e) {
            // a provider that cannot name it: fall back to its own description
        }
        return String.valueOf(destination);
    }

    private static Destination typed(String name) {
        return name.startsWith(EmbeddedJmsBroker.MULTICAST_PREFIX) ? ActiveMQDestination.createTopic(name)
                : ActiveMQDestination.createQueue(name);
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
