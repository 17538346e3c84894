package io.caravan.channel.jms;

import io.caravan.answer.Question;
import io.caravan.channel.ApiException;
import io.caravan.channel.QuestionReader;
import jakarta.jms.Destination;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmsQuestionsTest {

    private final JmsQuestions questions = new JmsQuestions(new QuestionReader(100, 10));

    @Test
    void should_read_plain_text_as_the_question() {
        Question question = questions.read("  When do tides turn? ", "r1", Set.of("public"));

        assertThat(question.text()).isEqualTo("When do tides turn?");
        assertThat(question.channel()).isEqualTo("jms");
        assertThat(question.requestId()).isEqualTo("r1");
    }

    @Test
    void should_read_a_json_object_as_the_http_question_format() {
        Question question = questions.read(" {\"question\": \"q?\", \"topK\": 2, \"filters\": {\"docId\": \"a\"}}",
                "r1", Set.of("public"));

        assertThat(question.text()).isEqualTo("q?");
        assertThat(question.topK()).isEqualTo(2);
        assertThat(question.filters()).isEqualTo(Map.of("docId", "a"));
    }

    @Test
    void should_read_utf8_bytes_and_refuse_other_bytes_as_poison() {
        assertThat(questions.read("Qué?".getBytes(StandardCharsets.UTF_8), "r", Set.of("public")).text())
                .isEqualTo("Qué?");
        assertThatThrownBy(() -> questions.read(new byte[]{(byte) 0xff, (byte) 0xfe, 0x41}, "r", Set.of("public")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void should_refuse_map_and_object_bodies_as_poison() {
        assertThatThrownBy(() -> questions.read(Map.of("question", "q"), "r", Set.of("public")))
                .isInstanceOf(PoisonMessageException.class).hasMessageStartingWith("a MapMessage");
        assertThatThrownBy(() -> questions.read(42L, "r", Set.of("public")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("java.lang.Long");
    }

    @Test
    void should_refuse_a_message_without_reply_to_as_poison() {
        assertThatThrownBy(() -> questions.replyDestination(null)).isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("the message has no JMSReplyTo");
    }

    @Test
    void should_read_a_reply_to_without_a_type_as_a_queue() throws Exception {
        // given: what Artemis' JMS client makes of a STOMP client's "reply-to: my.replies"
        Destination untyped = ActiveMQDestination.fromPrefixedName("my.replies");

        // when
        Destination reply = questions.replyDestination(untyped);

        // then
        assertThat(reply).isInstanceOf(Queue.class);
        assertThat(((Queue) reply).getQueueName()).isEqualTo("my.replies");
        assertThat(questions.describe(reply)).isEqualTo("queue my.replies");
    }

    @Test
    void should_read_the_stomp_prefixes_as_queue_and_topic_for_the_acceptor_to_strip() throws Exception {
        // when
        Destination queue = questions.replyDestination(ActiveMQDestination.fromPrefixedName("/queue/my.replies"));
        Destination topic = questions.replyDestination(ActiveMQDestination.fromPrefixedName("/topic/my.news"));

        // then
        assertThat(queue).isInstanceOf(Queue.class).isNotInstanceOf(Topic.class);
        assertThat(((Queue) queue).getQueueName()).isEqualTo("/queue/my.replies");
        assertThat(topic).isInstanceOf(Topic.class).isNotInstanceOf(Queue.class);
        assertThat(((Topic) topic).getTopicName()).isEqualTo("/topic/my.news");
    }

    @Test
    void should_keep_a_typed_reply_to_as_it_is() {
        // given
        Destination queue = ActiveMQDestination.fromPrefixedName("queue://my.replies");
        Destination topic = ActiveMQDestination.fromPrefixedName("topic://my.news");
        Destination temporary = ActiveMQDestination.fromPrefixedName("temp-queue://a-b-c");

        // when / then
        assertThat(questions.replyDestination(queue)).isSameAs(queue);
        assertThat(questions.replyDestination(topic)).isSameAs(topic);
        assertThat(questions.replyDestination(temporary)).isSameAs(temporary);
    }

    @Test
    void should_read_a_reply_to_name_like_the_header_of_the_same_name() throws Exception {
        // when / then
        assertThat(((Queue) questions.replyDestination("my.replies")).getQueueName()).isEqualTo("my.replies");
        assertThat(questions.replyDestination("topic://my.news")).isInstanceOf(Topic.class);
    }

    @Test
    void should_name_the_destination_and_the_root_cause_of_an_undelivered_reply() {
        // given
        Exception refusal = new RuntimeException("wrapped", new IllegalStateException("does not support MULTICAST"));

        // when
        String reason = questions.undeliveredReason(ActiveMQDestination.createTopic("my.replies"), refusal);

        // then
        assertThat(reason).isEqualTo("the reply could not be sent to topic my.replies: does not support MULTICAST");
    }

    @Test
    void should_correlate_the_reply_by_correlation_id_else_message_id() {
        assertThat(questions.replyCorrelationId("c-1", "ID:m-1")).isEqualTo("c-1");
        assertThat(questions.replyCorrelationId(null, "ID:m-1")).isEqualTo("ID:m-1");
        assertThat(questions.replyCorrelationId("", "ID:m-1")).isEqualTo("ID:m-1");
    }

    @Test
    void should_treat_an_empty_or_invalid_question_as_a_bad_request_not_poison() {
        assertThatThrownBy(() -> questions.read(null, "r", Set.of("public")))
                .isExactlyInstanceOf(ApiException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> questions.read("{\"question\": ", "r", Set.of("public")))
                .isExactlyInstanceOf(ApiException.class).hasMessageContaining("malformed JSON");
    }
}
