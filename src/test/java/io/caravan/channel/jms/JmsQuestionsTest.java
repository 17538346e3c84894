package io.caravan.channel.jms;

import io.caravan.answer.Question;
import io.caravan.channel.ApiException;
import io.caravan.channel.QuestionReader;
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
        assertThatThrownBy(() -> questions.requireReplyTo(null)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("JMSReplyTo");
        questions.requireReplyTo("queue://replies");
    }

    @Test
    void should_treat_an_empty_or_invalid_question_as_a_bad_request_not_poison() {
        assertThatThrownBy(() -> questions.read(null, "r", Set.of("public")))
                .isExactlyInstanceOf(ApiException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> questions.read("{\"question\": ", "r", Set.of("public")))
                .isExactlyInstanceOf(ApiException.class).hasMessageContaining("malformed JSON");
    }
}
