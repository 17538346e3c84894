package io.caravan.channel.openai;

import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.caravan.channel.ApiException;
import io.caravan.channel.QuestionReader;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatRequestReaderTest {

    private final ChatRequestReader reader = new ChatRequestReader(new OpenAiModels(false, 0),
            new QuestionReader(200, 20), 3);

    @Test
    void should_take_the_last_user_message_as_the_question_and_the_earlier_ones_as_turns() {
        // given: a system message, one earlier exchange whose answer ends with Caravan's footer, then the follow-up
        String json = """
                {"model": "caravan", "messages": [
                  {"role": "system", "content": "You are a pirate."},
                  {"role": "user", "content": "How loud was Krakatoa?"},
                  {"role": "assistant", "content": "It was heard 4800 km away [1].\\n\\nSources:\\n[1] Krakatoa — volcano.txt"},
                  {"role": "user", "content": "  And its ash?  "}
                ], "temperature": 0.2, "user": "someone"}""";

        // when
        ChatRequest request = reader.read(json);

        // then: the system message is ignored, the footer is not part of the earlier answer
        assertThat(request.question()).isEqualTo("And its ash?");
        assertThat(request.history()).containsExactly(
                new Turn("How loud was Krakatoa?", "It was heard 4800 km away [1]."));
        assertThat(request.model()).isEqualTo("caravan");
        assertThat(request.preference()).isEqualTo(AnswerPreference.CONFIGURED);
        assertThat(request.stream()).isFalse();
        assertThat(request.sourcesFooter()).isNull();
    }

    @Test
    void should_read_content_given_as_text_parts() {
        // given
        String json = """
                {"model": "caravan", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "How loud"}, {"type": "text", "text": "was Krakatoa?"}]}]}""";

        // when
        ChatRequest request = reader.read(json);

        // then
        assertThat(request.question()).isEqualTo("How loud\nwas Krakatoa?");
        assertThat(request.history()).isEmpty();
    }

    @Test
    void should_read_stream_usage_footer_and_the_extractive_model() {
        // given
        String json = """
                {"model": "caravan-extractive", "stream": true, "stream_options": {"include_usage": true},
                 "caravan": {"sources_footer": false}, "messages": [{"role": "user", "content": "q"}]}""";

        // when
        ChatRequest request = reader.read(json);

        // then
        assertThat(request.preference()).isEqualTo(AnswerPreference.EXTRACTIVE);
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.sourcesFooter()).isFalse();
    }

    @Test
    void should_keep_only_the_latest_turns() {
        // given: five earlier exchanges, three kept
        StringBuilder messages = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            messages.append("{\"role\":\"user\",\"content\":\"q").append(i).append("\"},")
                    .append("{\"role\":\"assistant\",\"content\":\"a").append(i).append("\"},");
        }
        String json = "{\"messages\":[" + messages + "{\"role\":\"user\",\"content\":\"last\"}]}";

        // when
        ChatRequest request = reader.read(json);

        // then
        assertThat(request.history()).extracting(Turn::question).containsExactly("q3", "q4", "q5");
        assertThat(request.model()).isEqualTo("caravan");
    }

    @Test
    void should_refuse_a_request_without_a_user_message_naming_messages() {
        // when
        InvalidChatRequestException e = catchThrowableOfType(InvalidChatRequestException.class, () -> reader.read("""
                {"model": "caravan", "messages": [{"role": "system", "content": "hi"}]}"""));

        // then
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.param()).isEqualTo("messages");
        assertThat(e.getMessage()).contains("'user'");
    }

    @Test
    void should_refuse_malformed_json_an_empty_question_and_image_parts() {
        assertThat(catchThrowableOfType(InvalidChatRequestException.class, () -> reader.read("{\"messages\": [")))
                .hasMessageStartingWith("malformed JSON");
        assertThat(catchThrowableOfType(InvalidChatRequestException.class, () -> reader.read("""
                {"messages": [{"role": "user", "content": "   "}]}"""))).hasMessageContaining("empty");
        assertThat(catchThrowableOfType(InvalidChatRequestException.class, () -> reader.read("""
                {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}""")))
                .hasMessageContaining("image_url");
        assertThat(catchThrowableOfType(InvalidChatRequestException.class, () -> reader.read("""
                {"stream": "yes", "messages": [{"role": "user", "content": "q"}]}""")).param()).isEqualTo("stream");
    }

    @Test
    void should_answer_404_model_not_found_for_a_model_not_listed() {
        // when: caravan-llm without a language model configured
        ApiException e = catchThrowableOfType(ApiException.class, () -> reader.read("""
                {"model": "caravan-llm", "messages": [{"role": "user", "content": "q"}]}"""));

        // then
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("model_not_found");
    }

    @Test
    void should_make_a_question_of_the_openai_channel_with_the_conversation_and_no_session() {
        // given
        ChatRequest request = reader.read("""
                {"model": "caravan-extractive", "messages": [{"role": "user", "content": "q1"},
                 {"role": "assistant", "content": "a1"}, {"role": "user", "content": "q2"}]}""");

        // when
        Question question = reader.question(request, "req-1", Set.of("hr"));

        // then
        assertThat(question.text()).isEqualTo("q2");
        assertThat(question.channel()).isEqualTo("openai");
        assertThat(question.sessionId()).isNull();
        assertThat(question.groups()).containsExactly("hr");
        assertThat(question.history()).containsExactly(new Turn("q1", "a1"));
        assertThat(question.extractiveOnly()).isTrue();
    }

    @Test
    void should_refuse_a_question_over_the_length_limit_with_413() {
        // given
        ChatRequest request = reader.read("{\"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(201)
                + "\"}]}");

        // when
        ApiException e = catchThrowableOfType(ApiException.class, () -> reader.question(request, "r", Set.of("p")));

        // then
        assertThat(e.status()).isEqualTo(413);
    }
}
