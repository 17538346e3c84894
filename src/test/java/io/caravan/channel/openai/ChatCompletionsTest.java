package io.caravan.channel.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Answer;
import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Citation;
import io.caravan.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionsTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000L), ZoneOffset.UTC);
    static final Citation VOLCANO = new Citation(1, "volcano.txt", "file", "Krakatoa", "", null,
            "Volcanic ash lowered temperatures for five years.", "Volcanic ash lowered temperatures for five years.",
            0.9);
    static final Citation REPORT = new Citation(2, "reports/2024.pdf", "file", "Annual report", "Results", 3,
            "Sales grew.", null, 0.5);
    static final Answer ANSWER = new Answer("Ash cooled the planet [1], sales grew [2].", List.of(VOLCANO, REPORT),
            "extractive", false, true, "req-1", Map.of("retrieve", 3L));

    private final ObjectMapper json = Json.newMapper();

    static ChatRequest request(Boolean footer) {
        return new ChatRequest("caravan", AnswerPreference.CONFIGURED, "q", List.of(), false, false, footer);
    }

    @Test
    void should_write_a_chat_completion_with_the_footer_and_the_citations_extension() {
        // given
        ChatCompletions completions = new ChatCompletions(true, CLOCK);

        // when
        JsonNode completion = json.valueToTree(completions.completion(ANSWER, request(null)));

        // then: OpenAI's fields
        assertThat(completion.get("id").asText()).isEqualTo("chatcmpl-req-1");
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("created").asLong()).isEqualTo(1_750_000_000L);
        assertThat(completion.get("model").asText()).isEqualTo("caravan");
        JsonNode choice = completion.at("/choices/0");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.at("/message/content").asText()).isEqualTo("""
                Ash cooled the planet [1], sales grew [2].

                Sources:
                [1] Krakatoa — volcano.txt
                [2] Annual report — reports/2024.pdf, p. 3""");
        assertThat(completion.at("/usage/prompt_tokens").asInt()).isZero();
        assertThat(completion.at("/usage/total_tokens").asInt()).isZero();
        // and: the extension fields, the citations as /api/ask writes them
        assertThat(completion.at("/citations/1/docId").asText()).isEqualTo("reports/2024.pdf");
        assertThat(completion.at("/citations/1/page").asInt()).isEqualTo(3);
        assertThat(completion.at("/citations/0/quote").asText()).startsWith("Volcanic ash");
        assertThat(completion.at("/caravan/mode").asText()).isEqualTo("extractive");
        assertThat(completion.at("/caravan/cached").asBoolean()).isTrue();
        assertThat(completion.at("/caravan/degraded").asBoolean()).isFalse();
        assertThat(completion.at("/caravan/requestId").asText()).isEqualTo("req-1");
    }

    @Test
    void should_leave_the_footer_out_when_configured_off_or_the_request_says_so() {
        // given
        ChatCompletions on = new ChatCompletions(true, CLOCK);
        ChatCompletions off = new ChatCompletions(false, CLOCK);

        // then
        assertThat(off.completion(ANSWER, request(null)).choices().get(0).message().content())
                .isEqualTo(ANSWER.answer());
        assertThat(on.completion(ANSWER, request(false)).choices().get(0).message().content())
                .isEqualTo(ANSWER.answer());
        assertThat(off.completion(ANSWER, request(true)).choices().get(0).message().content())
                .endsWith("[1] Krakatoa — volcano.txt\n[2] Annual report — reports/2024.pdf, p. 3");
    }

    @Test
    void should_write_no_footer_for_an_answer_without_citations() {
        // given
        Answer nothing = new Answer("Nothing found.", List.of(), "extractive", false, false, "req-2", Map.of());

        // then
        assertThat(new ChatCompletions(true, CLOCK).completion(nothing, request(null)).choices().get(0).message()
                .content()).isEqualTo("Nothing found.");
    }

    @Test
    void should_write_a_footer_line_with_the_doc_id_alone_when_the_title_is_empty_or_the_same() {
        // given
        Citation untitled = new Citation(4, "notes.txt", "file", "", "", null, "x", null, 0.1);
        Citation sameTitle = new Citation(5, "notes.txt", "file", "notes.txt", "", 7, "x", null, 0.1);

        // then
        assertThat(SourcesFooter.line(untitled)).isEqualTo("[4] notes.txt");
        assertThat(SourcesFooter.line(sameTitle)).isEqualTo("[5] notes.txt, p. 7");
    }

    @Test
    void should_strip_only_a_footer_at_the_end_of_a_text() {
        // given
        String answer = "Ash cooled the planet [1].";

        // then
        assertThat(SourcesFooter.strip(answer + SourcesFooter.of(List.of(VOLCANO, REPORT)))).isEqualTo(answer);
        assertThat(SourcesFooter.strip("Sources:\nnone, I made it up")).isEqualTo("Sources:\nnone, I made it up");
    }
}
