package io.caravan.channel.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.answer.Question;
import io.caravan.channel.ApiException;
import io.caravan.channel.QuestionMetrics;
import io.caravan.channel.QuestionReader;
import io.caravan.channel.SearchResponse;
import io.caravan.json.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The MCP tools (docs/mcp.md#tools): {@code search} (ranked passages, as {@code GET /api/search}), {@code ask} (a
 * cited answer through {@code direct:ask}) and {@code get_document} (a document's record and indexed text, as
 * {@code GET /api/documents/{docId}} sees it). Arguments are read by the same {@link QuestionReader} as every
 * channel's questions; each result has a text for the model and the same data as structured content. A failure is
 * a result flagged {@code isError} ({@link ToolFailures}). Thread safe.
 */
public class McpTools {

    static final String SEARCH = "search";
    static final String ASK = "ask";
    static final String GET_DOCUMENT = "get_document";
    static final String CHANNEL = "mcp";

    private static final ObjectMapper JSON = Json.newMapper();

    private final McpRoutes routes;
    private final McpDocuments documents;
    private final QuestionReader questions;
    private final QuestionMetrics metrics;
    private final ToolFailures failures;
    private final McpToolSchemas schemas;

    public McpTools(McpRoutes routes, McpDocuments documents, QuestionReader questions, QuestionMetrics metrics,
                    ToolFailures failures, int maxK) {
        this.routes = routes;
        this.documents = documents;
        this.questions = questions;
        this.metrics = metrics;
        this.failures = failures;
        this.schemas = new McpToolSchemas(maxK);
    }

    /** One cited passage of an answer. */
    public record Source(int n, String docId, String title, String section, Integer page, String snippet,
                         String quote) {
        static Source of(Citation c) {
            return new Source(c.n(), c.docId(), c.title(), c.section(), c.page(), c.snippet(), c.quote());
        }
    }

    /** The structured result of {@code ask}. */
    public record AskResult(String answer, List<Source> citations, String mode, boolean degraded, boolean cached,
                            String requestId) {
    }

    /** The tools' descriptions and schemas, as {@code tools/list} shows them. */
    public List<McpSchema.Tool> tools() {
        return schemas.tools();
    }

    /** The handler of tool {@code name}. */
    public BiFunction<McpTransportContext, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler(String name) {
        return switch (name) {
            case SEARCH -> (context, request) -> call(context, caller -> search(request.arguments(), caller));
            case ASK -> (context, request) -> ask(McpCaller.of(context), request.arguments());
            case GET_DOCUMENT -> (context, request) -> call(context,
                    caller -> getDocument(request.arguments(), caller));
            default -> throw new IllegalArgumentException("no tool " + name);
        };
    }

    private McpSchema.CallToolResult call(McpTransportContext context,
                                          Function<McpCaller, McpSchema.CallToolResult> tool) {
        McpCaller caller = McpCaller.of(context);
        try {
            return tool.apply(caller);
        } catch (RuntimeException e) {
            return failures.resultFor(e, caller.requestId());
        }
    }

    private McpSchema.CallToolResult search(Map<String, Object> arguments, McpCaller caller) {
        Object query = arguments.get("query");
        if (!(query instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("\"query\" is required and must be a non-empty string");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("question", text);
        json.put("topK", arguments.getOrDefault("k", 10));
        json.put("filters", arguments.get("filters"));
        Question question = questions.readJson(write(json), caller.requestId(), caller.identity().searchGroups(),
                CHANNEL);
        SearchResponse response = SearchResponse.of(routes.search(question, caller));
        StringBuilder listing = new StringBuilder(response.hits().isEmpty() ? "No passage matches." : "");
        int n = 1;
        for (SearchResponse.SearchHit hit : response.hits()) {
            listing.append(n == 1 ? "" : "\n\n").append('[').append(n++).append("] ")
                    .append(McpTexts.label(hit.title(), hit.section(), hit.page(), hit.docId()))
                    .append(" (score ").append(String.format(Locale.ROOT, "%.4f", hit.score()))
                    .append(")\n").append(hit.content());
        }
        return result(listing.toString(), response);
    }

    private McpSchema.CallToolResult ask(McpCaller caller, Map<String, Object> arguments) {
        long started = System.nanoTime();
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("question", arguments.get("question"));
            json.put("sessionId", arguments.get("sessionId"));
            Question question = questions.readJson(write(json), caller.requestId(), caller.identity().searchGroups(),
                    CHANNEL);
            Answer answer = routes.ask(question, caller);
            AskResult result = new AskResult(answer.answer(), answer.citations().stream().map(Source::of).toList(),
                    answer.mode(), answer.degraded(), answer.cached(), answer.requestId());
            return result(McpTexts.answer(answer), result);
        } catch (RuntimeException e) {
            // a question that fails is counted as the HTTP channel counts its own (docs/operations.md#metrics)
            metrics.failed(CHANNEL, e, caller.requestId(), (System.nanoTime() - started) / 1_000_000);
            return failures.resultFor(e, caller.requestId());
        }
    }

    private McpSchema.CallToolResult getDocument(Map<String, Object> arguments, McpCaller caller) {
        Object docId = arguments.get("docId");
        if (!(docId instanceof String id) || id.isBlank()) {
            throw ApiException.badRequest("\"docId\" is required and must be a non-empty string");
        }
        McpDocuments.DocumentText document = documents.read(id, caller);
        return result(McpTexts.document(document), document);
    }

    private static McpSchema.CallToolResult result(String text, Object structured) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = JSON.convertValue(structured, Map.class);
        return McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(content).isError(false)
                .build();
    }

    private static String write(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("arguments cannot be read: " + e.getOriginalMessage());
        }
    }
}
