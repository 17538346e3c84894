package io.caravan.channel.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.answer.Question;
import io.caravan.auth.AuditLog;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.caravan.channel.DocumentsApi;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.QuestionMetrics;
import io.caravan.channel.QuestionReader;
import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import io.caravan.index.RecordingHybridIndex;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.UploadAcls;
import io.caravan.throttle.RetryLaterException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpToolsTest {

    private static final McpCaller ANA = new McpCaller(new Identity("ana", Set.of("hr"), Role.READER),
            "principal:ana", "req-1");
    private static final McpCaller PAT = new McpCaller(new Identity("pat", Set.of("public"), Role.READER),
            "principal:pat", "req-2");

    @TempDir
    Path dataDir;
    @TempDir
    Path share;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FakeRoutes routes = new FakeRoutes();
    private final Map<String, List<Chunk>> chunks = new HashMap<>();
    private DocumentLedger ledger;
    private McpTools tools;
    private McpResources resources;

    /** Records what the tools hand over, answers with what the test set. */
    private static final class FakeRoutes implements McpRoutes {
        final List<Question> questions = new ArrayList<>();
        final List<McpCaller> callers = new ArrayList<>();
        List<Hit> hits = List.of();
        Answer answer;
        RuntimeException failure;

        @Override
        public List<Hit> search(Question question, McpCaller caller) {
            questions.add(question);
            callers.add(caller);
            return hits;
        }

        @Override
        public Answer ask(Question question, McpCaller caller) {
            questions.add(question);
            callers.add(caller);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(dataDir);
        RecordingHybridIndex index = new RecordingHybridIndex() {
            @Override
            public List<Chunk> chunks(String docId) {
                return chunks.getOrDefault(docId, List.of());
            }
        };
        DocumentsApi api = new DocumentsApi(ledger, index, share, 100, new UploadAcls(share), new AuditLog(meters));
        McpDocuments documents = new McpDocuments(api, index);
        ErrorReplies errors = new ErrorReplies();
        tools = new McpTools(routes, documents, new QuestionReader(2000, 50), new QuestionMetrics(meters, errors),
                new ToolFailures(errors), 50);
        resources = new McpResources(documents, 2);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_search_with_the_callers_groups_k_and_filters_and_return_ranked_passages() {
        // given
        routes.hits = List.of(new Hit(chunk("hr/pay.md", 0, "Salary bands are reviewed in April.", List.of("hr")),
                0.91));

        // when
        McpSchema.CallToolResult result = tools.handler(McpTools.SEARCH).apply(ANA.context(),
                new McpSchema.CallToolRequest("search", Map.of("query", " salary bands ", "k", 3,
                        "filters", Map.of("source", "file"))));

        // then
        Question question = routes.questions.get(0);
        assertThat(question.text()).isEqualTo("salary bands");
        assertThat(question.topK()).isEqualTo(3);
        assertThat(question.filters()).containsExactly(Map.entry("source", "file"));
        assertThat(question.groups()).containsExactly("hr");
        assertThat(question.channel()).isEqualTo("mcp");
        assertThat(result.isError()).isFalse();
        assertThat(structured(result).get("hits")).asList().singleElement().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("chunkId", "hr/pay.md#0").containsEntry("docId", "hr/pay.md")
                .containsEntry("section", "Pay").containsEntry("page", 2).containsEntry("score", 0.91);
        assertThat(text(result)).startsWith("[1] Pay — Pay, p. 2 (hr/pay.md) (score 0.9100)\nSalary bands");
    }

    @Test
    void should_refuse_a_filter_on_a_field_that_cannot_be_filtered_as_an_error_result() {
        // when
        McpSchema.CallToolResult result = tools.handler(McpTools.SEARCH).apply(ANA.context(),
                new McpSchema.CallToolRequest("search", Map.of("query", "salary", "filters", Map.of("acl", "hr"))));

        // then
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("cannot filter on \"acl\"");
        assertThat(routes.questions).isEmpty();
    }

    @Test
    void should_ask_through_the_answer_route_as_channel_mcp_and_list_the_sources_after_the_answer() {
        // given
        routes.answer = new Answer("Bands are reviewed in April [1].", List.of(new Citation(1, "hr/pay.md", "file",
                "Pay", "Bands", 2, "Salary bands are reviewed in April.", "Salary bands are reviewed in April.",
                0.8)), "extractive", false, false, "req-1", Map.of("retrieve", 3L));

        // when
        McpSchema.CallToolResult result = tools.handler(McpTools.ASK).apply(ANA.context(),
                new McpSchema.CallToolRequest("ask", Map.of("question", "When are bands reviewed?",
                        "sessionId", "s-1")));

        // then
        Question question = routes.questions.get(0);
        assertThat(question.sessionId()).isEqualTo("s-1");
        assertThat(question.channel()).isEqualTo("mcp");
        assertThat(question.requestId()).isEqualTo("req-1");
        assertThat(routes.callers).containsExactly(ANA);
        assertThat(text(result)).isEqualTo("Bands are reviewed in April [1].\n\nSources:\n[1] Pay — Bands, p. 2 "
                + "(hr/pay.md)");
        assertThat(structured(result)).containsEntry("mode", "extractive").containsEntry("degraded", false)
                .containsEntry("cached", false).doesNotContainKey("timings");
        assertThat(structured(result).get("citations")).asList().singleElement().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("n", 1).containsEntry("quote", "Salary bands are reviewed in April.");
    }

    @Test
    void should_return_a_throttled_question_as_an_error_result_saying_when_to_retry_and_count_it() {
        // given
        routes.failure = new RetryLaterException(429, "rate_limited", "too many questions", 12);

        // when
        McpSchema.CallToolResult result = tools.handler(McpTools.ASK).apply(ANA.context(),
                new McpSchema.CallToolRequest("ask", Map.of("question", "When?")));

        // then
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("too many questions (retry after 12 s)");
        assertThat(meters.get("caravan.questions").tags("channel", "mcp", "outcome", "throttled").counter().count())
                .isEqualTo(1);
    }

    @Test
    void should_read_a_visible_document_with_its_record_and_text_in_chunk_order() {
        // given
        indexed("hr/pay.md", List.of("hr"), "Bands first.", "Reviews second.");

        // when
        McpSchema.CallToolResult result = tools.handler(McpTools.GET_DOCUMENT).apply(ANA.context(),
                new McpSchema.CallToolRequest("get_document", Map.of("docId", "hr/pay.md")));

        // then
        assertThat(result.isError()).isFalse();
        assertThat(structured(result)).containsEntry("text", "Bands first.\n\nReviews second.")
                .containsEntry("title", "Pay").containsEntry("truncated", false);
        assertThat(structured(result).get("document")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("docId", "hr/pay.md")
                .containsEntry("chunks", 2);
        assertThat(text(result)).contains("status: indexed, chunks: 2").endsWith("Bands first.\n\nReviews second.");
    }

    @Test
    void should_report_a_document_outside_the_callers_groups_exactly_as_an_unknown_one() {
        // given
        indexed("hr/pay.md", List.of("hr"), "Bands first.");

        // when
        McpSchema.CallToolResult hidden = tools.handler(McpTools.GET_DOCUMENT).apply(PAT.context(),
                new McpSchema.CallToolRequest("get_document", Map.of("docId", "hr/pay.md")));
        McpSchema.CallToolResult unknown = tools.handler(McpTools.GET_DOCUMENT).apply(PAT.context(),
                new McpSchema.CallToolRequest("get_document", Map.of("docId", "hr/nope.md")));

        // then
        assertThat(hidden.isError()).isTrue();
        assertThat(text(hidden)).isEqualTo(text(unknown).replace("hr/nope.md", "hr/pay.md"));
        assertThat(hidden.meta()).isEqualTo(Map.of("caravan/error", Map.of("code", "not_found", "status", 404,
                "requestId", "req-2")));
    }

    @Test
    void should_list_only_the_callers_documents_a_page_at_a_time_and_refuse_a_forged_cursor() {
        // given: three for hr, one it may not see in between
        indexed("a.md", List.of("hr"), "A.");
        indexed("b.md", List.of("finance"), "B.");
        indexed("c.md", List.of("hr"), "C.");
        indexed("d b.md", List.of("hr"), "D.");

        // when
        McpSchema.ListResourcesResult first = resources.list(ANA, null);
        McpSchema.ListResourcesResult second = resources.list(ANA, first.nextCursor());

        // then
        assertThat(first.resources()).extracting(McpSchema.Resource::uri)
                .containsExactly("caravan://documents/a.md", "caravan://documents/c.md");
        assertThat(second.resources()).extracting(McpSchema.Resource::uri)
                .containsExactly("caravan://documents/d%20b.md");
        assertThat(second.nextCursor()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resources.list(ANA, "%%%"))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void should_read_a_resource_by_its_encoded_uri_and_not_find_one_outside_the_callers_groups() {
        // given
        indexed("hr/pay slip.md", List.of("hr"), "Paid monthly.");

        // when
        McpSchema.ReadResourceResult read = resources.read(ANA.context(),
                new McpSchema.ReadResourceRequest("caravan://documents/hr%2Fpay%20slip.md"));

        // then
        assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text()).isEqualTo("Paid monthly.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resources.read(PAT.context(),
                        new McpSchema.ReadResourceRequest("caravan://documents/hr%2Fpay%20slip.md")))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
    }

    private void indexed(String docId, List<String> acl, String... contents) {
        List<Chunk> list = new ArrayList<>();
        for (int n = 0; n < contents.length; n++) {
            list.add(chunk(docId, n, contents[n], acl));
        }
        chunks.put(docId, list);
        ledger.markIndexed(new SourceDocument(docId, "file", null, new byte[0], "h-" + docId, acl, null),
                contents.length);
    }

    private static Chunk chunk(String docId, int n, String content, List<String> acl) {
        return new Chunk(Chunk.idOf(docId, n), docId, "file", "Pay", content, "Pay", 2, n, "h-" + docId,
                "text/markdown", acl, null, null, null, "model");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
