package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.it.OtlpReceiver.ReceivedSpan;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces over OTLP/HTTP (docs/operations.md#traces): a Caravan exporting to a receiver that decodes the real protocol
 * ingests a document and answers questions over HTTP and JMS; each question is one trace from its channel through
 * retrieve, rerank and generate, the document one trace through parse, chunk, embed and index, and no span carries
 * the question or the passage.
 */
class TracingIT {

    private static final String PASSAGE = "The quokka is a small marsupial that lives on Rottnest Island near Perth.";
    private static final String HTTP_QUESTION = "Where does the quokka live?";
    private static final String JMS_QUESTION = "What kind of animal is the quokka?";
    private static final int EXPORT_WAIT_S = 30;

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static OtlpReceiver receiver;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        receiver = new OtlpReceiver();
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.tracing.otlp-endpoint", receiver.tracesUrl(),
                "caravan.cache.enabled", "false"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Fixtures.text(inbox.resolve("quokka.txt"), "Quokka\n\n" + PASSAGE + "\n");
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        caravan.close();
        receiver.close();
    }

    @Test
    void should_trace_a_document_through_parse_chunk_embed_and_index() throws Exception {
        // given the document indexed at start

        // when its ingestion span is exported
        ReceivedSpan ingest = receiver.await(span -> "quokka.txt".equals(span.attributes().get("caravan.doc_id"))
                && span.name().equals("ingest"), EXPORT_WAIT_S);

        // then one trace, rooted in the share's poll, holds the stages as children of the pipeline's span
        List<ReceivedSpan> trace = receiver.trace(ingest.traceId());
        System.out.println(tree(trace));
        assertThat(trace.stream().filter(ReceivedSpan::isRoot)).hasSize(1);
        ReceivedSpan pipeline = receivedPipelineSpan(trace, "ingest");
        assertThat(children(trace, pipeline)).extracting(ReceivedSpan::name)
                .contains("parse", "chunk", "embed", "index");
        assertThat(stage(trace, "index").attributes()).containsEntry("caravan.chunks", "1")
                .containsEntry("camel.route.id", "ingest");
        assertThat(pipeline.attributes()).containsEntry("caravan.outcome", "indexed").containsEntry("caravan.source",
                "file");
        assertThat(ingest.resource()).containsEntry("service.name", "caravan").containsKey("service.instance.id");
    }

    @Test
    void should_trace_an_http_question_through_retrieve_rerank_and_generate() throws Exception {
        // given a probe, left out of traces, a search (its query is a question too), then the question
        assertThat(caravan.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(caravan.get("/api/search?q=Rottnest%20marsupial").statusCode()).isEqualTo(200);
        HttpResponse<String> response = caravan.ask(HTTP_QUESTION);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String requestId = json(response).get("requestId").asText();

        // when
        ReceivedSpan ask = receiver.await(span -> requestId.equals(span.attributes().get("caravan.request_id"))
                && span.name().equals("ask"), EXPORT_WAIT_S);

        // then
        List<ReceivedSpan> trace = receiver.trace(ask.traceId());
        System.out.println(tree(trace));
        assertQuestionTrace(trace, "http");
        assertThat(trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow().name())
                .isEqualTo("/api/ask");
        assertNoQuestionOrPassage();
        assertThat(receiver.spans()).extracting(ReceivedSpan::name).doesNotContain("/api/health", "http-health");
    }

    @Test
    void should_trace_a_jms_question_from_its_queue() throws Exception {
        // given
        String requestId;
        try (Connection connection = new ActiveMQConnectionFactory(caravan.brokerUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createTemporaryQueue();
            TextMessage question = session.createTextMessage(JMS_QUESTION);
            question.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("caravan.questions")).send(question);
            Message reply = session.createConsumer(replies).receive(60_000);
            assertThat(reply).isInstanceOf(TextMessage.class);
            JsonNode answer = new ObjectMapper().readTree(((TextMessage) reply).getText());
            requestId = answer.get("requestId").asText();
        }

        // when
        ReceivedSpan ask = receiver.await(span -> requestId.equals(span.attributes().get("caravan.request_id"))
                && span.name().equals("ask"), EXPORT_WAIT_S);

        // then
        List<ReceivedSpan> trace = receiver.trace(ask.traceId());
        System.out.println(tree(trace));
        assertQuestionTrace(trace, "jms");
        assertThat(trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow().name())
                .isEqualTo("queue:caravan.questions");
        assertNoQuestionOrPassage();
    }

    private static void assertQuestionTrace(List<ReceivedSpan> trace, String channel) {
        assertThat(trace.stream().filter(ReceivedSpan::isRoot)).as(tree(trace)).hasSize(1);
        ReceivedSpan pipeline = receivedPipelineSpan(trace, "ask");
        assertThat(pipeline.attributes()).containsEntry("caravan.channel", channel)
                .containsEntry("caravan.mode", "extractive");
        assertThat(children(trace, pipeline)).extracting(ReceivedSpan::name)
                .containsSubsequence("retrieve", "rerank", "generate");
        assertThat(Integer.parseInt(stage(trace, "retrieve").attributes().get("caravan.hits"))).isPositive();
        assertThat(stage(trace, "generate").attributes()).containsEntry("caravan.mode", "extractive")
                .containsEntry("caravan.citations", "1");
    }

    // every span received so far, question traces and document traces alike
    private static void assertNoQuestionOrPassage() {
        for (ReceivedSpan span : receiver.spans()) {
            for (String text : span.texts()) {
                assertThat(text).as(span.name() + " " + span.attributes())
                        .doesNotContain("quokka live").doesNotContain("kind of animal")
                        .doesNotContain("Rottnest").doesNotContain("marsupial").doesNotContain("quokka%20");
            }
        }
    }

    // the pipeline route's own span ("ask", "ingest"): the one whose children are the stages; its parent is the
    // direct: call of the same name
    private static ReceivedSpan receivedPipelineSpan(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(span -> span.name().equals(name))
                .filter(span -> trace.stream().anyMatch(child -> child.parentSpanId().equals(span.spanId())
                        && child.attributes().containsKey("caravan.stage")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " span with stages: " + tree(trace)));
    }

    private static ReceivedSpan stage(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(span -> name.equals(span.attributes().get("caravan.stage"))).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + ": " + tree(trace)));
    }

    private static List<ReceivedSpan> children(List<ReceivedSpan> trace, ReceivedSpan parent) {
        return trace.stream().filter(span -> span.parentSpanId().equals(parent.spanId())).toList();
    }

    /** The trace as an indented tree, for failure messages and for docs/operations.md#traces. */
    static String tree(List<ReceivedSpan> trace) {
        StringBuilder out = new StringBuilder();
        trace.stream().filter(ReceivedSpan::isRoot).forEach(root -> append(trace, root, 0, out));
        List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
        trace.stream().filter(span -> !span.isRoot() && !ids.contains(span.parentSpanId()))
                .forEach(orphan -> append(trace, orphan, 0, out.append("(orphan) ")));
        return out.toString();
    }

    private static void append(List<ReceivedSpan> trace, ReceivedSpan span, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.name()).append(' ')
                .append(span.attributes().entrySet().stream().filter(e -> e.getKey().startsWith("caravan.")
                        || e.getKey().equals("camel.route.id"))
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}")))
                .append('\n');
        children(trace, span).forEach(child -> append(trace, child, depth + 1, out));
    }
}
