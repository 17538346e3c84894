package io.caravan.channel.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.AnswerPreference;
import io.caravan.channel.ApiException;
import io.caravan.channel.ErrorReplies;
import io.caravan.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.caravan.channel.openai.ChatCompletionsTest.ANSWER;
import static io.caravan.channel.openai.ChatCompletionsTest.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionStreamsTest {

    private final ObjectMapper json = Json.newMapper();
    private final ChatCompletionStreams streams = new ChatCompletionStreams(json, new ChatCompletions(true, CLOCK),
            new OpenAiErrors(new ErrorReplies()));

    private static ChatRequest request(boolean includeUsage) {
        return new ChatRequest("caravan-extractive", AnswerPreference.EXTRACTIVE, "q", List.of(), true, includeUsage,
                null);
    }

    /** The data lines of the whole stream, in order. */
    private static List<String> data(ChatChunkStream stream) throws IOException {
        String wire = new String(stream.inputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("event:").endsWith("data: [DONE]\n\n");
        List<String> data = new ArrayList<>();
        for (String event : wire.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            data.add(event.substring(6));
        }
        return data;
    }

    @Test
    void should_stream_the_role_the_text_the_footer_the_citations_the_usage_and_done() throws IOException {
        // given
        ChatChunkStream stream = streams.open(request(true), "req-1");

        // when: the answer was not streamed by a model (extractive)
        streams.done(stream, ANSWER, request(true));

        // then
        List<String> data = data(stream);
        assertThat(data).hasSize(6).last().isEqualTo("[DONE]");
        JsonNode role = json.readTree(data.get(0));
        assertThat(role.get("id").asText()).isEqualTo("chatcmpl-req-1");
        assertThat(role.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(role.get("model").asText()).isEqualTo("caravan-extractive");
        assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(role.at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(role.has("citations")).isFalse();
        assertThat(json.readTree(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo(ANSWER.answer());
        assertThat(json.readTree(data.get(2)).at("/choices/0/delta/content").asText())
                .startsWith("\n\nSources:\n[1] Krakatoa — volcano.txt");
        JsonNode last = json.readTree(data.get(3));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(last.at("/citations/0/docId").asText()).isEqualTo("volcano.txt");
        assertThat(last.at("/caravan/mode").asText()).isEqualTo("extractive");
        JsonNode usage = json.readTree(data.get(4));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isZero();
    }

    @Test
    void should_not_repeat_text_that_the_model_streamed_and_send_no_usage_unless_asked() throws IOException {
        // given: the model streamed the answer as it wrote it
        ChatChunkStream stream = streams.open(request(false), "req-1");
        stream.token("Ash cooled ");
        stream.token("the planet [1], sales grew [2].");

        // when
        streams.done(stream, ANSWER, request(false));

        // then: role, two pieces, footer, final chunk, [DONE]
        List<String> data = data(stream);
        assertThat(data).hasSize(6);
        assertThat(json.readTree(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Ash cooled ");
        assertThat(json.readTree(data.get(3)).at("/choices/0/delta/content").asText()).startsWith("\n\nSources:");
        assertThat(json.readTree(data.get(4)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_end_a_failed_stream_with_an_openai_error_then_done() throws IOException {
        // given
        ChatChunkStream stream = streams.open(request(false), "req-1");

        // when
        streams.fail(stream, new ApiException(503, "llm_busy", "every language model slot is busy"), "req-1");

        // then
        List<String> data = data(stream);
        assertThat(data).hasSize(3);
        JsonNode error = json.readTree(data.get(1));
        assertThat(error.at("/error/message").asText()).isEqualTo("every language model slot is busy");
        assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
        assertThat(error.at("/error/code").asText()).isEqualTo("llm_busy");
        assertThat(data.get(2)).isEqualTo("[DONE]");
    }
}
