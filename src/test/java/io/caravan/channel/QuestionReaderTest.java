package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.answer.Question;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionReaderTest {

    private static final Set<String> GROUPS = Set.of("public");

    private final QuestionReader reader = new QuestionReader(50, 20);

    @Test
    void should_read_a_question_with_filters_top_k_and_session() {
        // given
        String json = """
                {"question": "  What is Caravan?  ", "sessionId": "s-1",
                 "filters": {"source": "file", "mimeType": "application/pdf"}, "topK": 5}""";

        // when
        Question q = reader.readJson(json, "req-1", GROUPS, "http");

        // then
        assertThat(q.text()).isEqualTo("What is Caravan?");
        assertThat(q.sessionId()).isEqualTo("s-1");
        assertThat(q.filters()).isEqualTo(Map.of("source", "file", "mimeType", "application/pdf"));
        assertThat(q.topK()).isEqualTo(5);
        assertThat(q.requestId()).isEqualTo("req-1");
        assertThat(q.groups()).isEqualTo(GROUPS);
        assertThat(q.channel()).isEqualTo("http");
    }

    @Test
    void should_leave_optional_fields_empty_when_absent() {
        // when
        Question q = reader.readJson("{\"question\":\"hi\"}", "req-1", GROUPS, "jms");

        // then
        assertThat(q.sessionId()).isNull();
        assertThat(q.filters()).isEmpty();
        assertThat(q.topK()).isNull();
    }

    @Test
    void should_accept_top_k_at_both_ends_of_the_range() {
        // when / then
        assertThat(reader.readJson("{\"question\":\"hi\",\"topK\":1}", "r", GROUPS, "http").topK()).isEqualTo(1);
        assertThat(reader.readJson("{\"question\":\"hi\",\"topK\":20}", "r", GROUPS, "http").topK()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"question\": ", "not json", "", "{\"question\":\"a\"", "[1,2"})
    void should_reject_malformed_json(String json) {
        // when
        ApiException e = thrownBy(() -> reader.readJson(json, "r", GROUPS, "http"), 400);

        // then
        assertThat(e.code()).isEqualTo("bad_request");
        assertThat(e.getMessage()).startsWith("malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"question\"]", "\"question\"", "42", "null"})
    void should_reject_json_that_is_not_an_object(String json) {
        // when / then
        assertThat(thrownBy(() -> reader.readJson(json, "r", GROUPS, "http"), 400).getMessage())
                .contains("expected an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"question\": 42}", "{\"question\": null}", "{\"question\": [\"a\"]}",
            "{\"Question\": \"a\"}"})
    void should_reject_a_missing_or_non_string_question(String json) {
        // when / then
        assertThat(thrownBy(() -> reader.readJson(json, "r", GROUPS, "http"), 400).getMessage())
                .contains("\"question\"");
    }

    @Test
    void should_reject_a_blank_question() {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\" \\n\\t \"}", "r", GROUPS, "http"), 400)
                .getMessage()).contains("\"question\"").contains("empty");
    }

    @Test
    void should_reject_a_too_long_question_with_413() {
        // given
        String json = "{\"question\":\"" + "a".repeat(51) + "\"}";

        // when
        ApiException e = thrownBy(() -> reader.readJson(json, "r", GROUPS, "http"), 413);

        // then
        assertThat(e.code()).isEqualTo("payload_too_large");
        assertThat(e.getMessage()).contains("51").contains("50").contains("caravan.ask.max-question-chars");
    }

    @Test
    void should_accept_a_question_exactly_at_the_limit_after_trimming() {
        // when
        Question q = reader.readJson("{\"question\":\"  " + "a".repeat(50) + "  \"}", "r", GROUPS, "http");

        // then
        assertThat(q.text()).hasSize(50);
    }

    @Test
    void should_reject_a_filter_on_an_unknown_field_naming_it() {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\"q\",\"filters\":{\"colour\":\"red\"}}",
                "r", GROUPS, "http"), 400).getMessage()).contains("\"colour\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "[\"file\"]", "{\"a\":\"b\"}", "null"})
    void should_reject_a_non_string_filter_value_naming_the_field(String value) {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\"q\",\"filters\":{\"source\":" + value + "}}",
                "r", GROUPS, "http"), 400).getMessage()).contains("\"source\"");
    }

    @Test
    void should_reject_filters_that_are_not_an_object() {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\"q\",\"filters\":[\"source\"]}",
                "r", GROUPS, "http"), 400).getMessage()).contains("\"filters\"");
    }

    @Test
    void should_reject_a_non_string_session_id() {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\"q\",\"sessionId\":7}", "r", GROUPS, "http"), 400)
                .getMessage()).contains("\"sessionId\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "21", "2.5", "\"3\"", "true", "1e2", "99999999999", "3.0"})
    void should_reject_a_top_k_that_is_not_an_integer_in_range(String topK) {
        // when / then
        assertThat(thrownBy(() -> reader.readJson("{\"question\":\"q\",\"topK\":" + topK + "}", "r", GROUPS,
                "http"), 400).getMessage()).contains("\"topK\"").contains("20");
    }

    @Test
    void should_read_a_plain_text_question() {
        // when
        Question q = reader.readText("  what is the ledger?\n", "req-9", GROUPS, "mail");

        // then
        assertThat(q.text()).isEqualTo("what is the ledger?");
        assertThat(q.filters()).isEmpty();
        assertThat(q.topK()).isNull();
        assertThat(q.sessionId()).isNull();
        assertThat(q.channel()).isEqualTo("mail");
        assertThat(q.requestId()).isEqualTo("req-9");
    }

    @Test
    void should_apply_the_same_limits_to_plain_text_questions() {
        // when / then
        thrownBy(() -> reader.readText(null, "r", GROUPS, "mail"), 400);
        thrownBy(() -> reader.readText("   ", "r", GROUPS, "mail"), 400);
        thrownBy(() -> reader.readText("b".repeat(51), "r", GROUPS, "mail"), 413);
    }
}
