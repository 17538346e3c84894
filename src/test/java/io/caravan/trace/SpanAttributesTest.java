package io.caravan.trace;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What stage and pipeline spans say: counts, modes and ids, never the question (docs/operations.md#traces). */
class SpanAttributesTest {

    private static final CamelContext CONTEXT = new DefaultCamelContext();

    @AfterAll
    static void close() throws Exception {
        CONTEXT.close();
    }

    @Test
    void should_describe_a_question_by_its_request_id_channel_and_answer_never_its_text() {
        // given
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.setVariable("question", new Question("r-1", "Is the secret plan approved?", null, Map.of(), null,
                Set.of("hr"), "jms"));
        exchange.getMessage().setBody(new Answer("The secret plan is approved. [1]", List.of(), "extractive", false,
                false, "r-1", Map.of()));

        // when
        Map<String, String> tags = SpanAttributes.ofEndpoint(CONTEXT.getEndpoint("direct:ask"), exchange);

        // then
        assertThat(tags).containsEntry("caravan.request_id", "r-1").containsEntry("caravan.channel", "jms")
                .containsEntry("caravan.mode", "extractive").containsEntry("caravan.citations", "0");
        assertThat(tags.values()).noneMatch(value -> value.contains("secret") || value.contains("hr"));
    }

    @Test
    void should_count_the_hits_of_retrieval_and_the_chunks_of_a_document() {
        // given
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setBody(List.of("a", "b", "c"));

        // when
        Map<String, String> retrieve = SpanAttributes.ofStage("retrieve", exchange);
        Map<String, String> chunk = SpanAttributes.ofStage("chunk", exchange);

        // then
        assertThat(retrieve).containsEntry("caravan.stage", "retrieve").containsEntry("caravan.hits", "3");
        assertThat(chunk).containsEntry("caravan.chunks", "3").doesNotContainKey("caravan.hits");
    }

    @Test
    void should_describe_a_document_by_its_id_source_and_outcome() {
        // given
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.setProperty("CaravanDocId", "hr/leave.md");
        exchange.setProperty("CaravanSource", "file");
        exchange.setProperty("CaravanOutcome", "indexed");
        exchange.setVariable("chunkCount", 4);

        // when
        Map<String, String> tags = SpanAttributes.ofEndpoint(CONTEXT.getEndpoint("direct:ingest"), exchange);

        // then
        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("caravan.doc_id", "hr/leave.md",
                "caravan.source", "file", "caravan.outcome", "indexed", "caravan.chunks", "4"));
    }

    @Test
    void should_drop_the_query_of_an_http_url() {
        assertThat(SpanAttributes.withoutQuery("http://127.0.0.1:8080/api/search?q=secret%20plan&k=5"))
                .isEqualTo("http://127.0.0.1:8080/api/search");
        assertThat(SpanAttributes.withoutQuery("http://127.0.0.1:8080/api/ask")).isEqualTo(
                "http://127.0.0.1:8080/api/ask");
    }
}
