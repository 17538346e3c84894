package io.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP server at {@code /mcp} driven by the MCP Java SDK's own client over Streamable HTTP (docs/mcp.md): API keys
 * from the {@code keys} command, two documents under different ACLs (the share's rules: {@code hr/} for hr, the rest
 * public), and a reader of each group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerIT {

    private static final String SALARIES = "hr/salaries.md";
    private static final String NOTES = "notes.md";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private RunningCaravan caravan;
    private String hrReader;
    private String publicReader;

    @BeforeAll
    void start() throws Exception {
        Path keyFile = etc.resolve("keys.json");
        hrReader = KeysCli.create(keyFile, "ana", "hr,public", "reader").key();
        publicReader = KeysCli.create(keyFile, "pat", "public", "reader").key();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.sources.file.acl-rules", "hr/**=hr",
                "caravan.cache.enabled", "false",
                "caravan.mcp.page-size", "1"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.text(inbox.resolve(SALARIES), "# Salaries\n\nSalary bands are reviewed every April by the pay "
                + "committee.\n");
        Fixtures.text(inbox.resolve(NOTES), "# Notes\n\nThe salary survey closes at the end of May.\n");
        RunningCaravan.await(indexed, 120);
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_initialize_and_list_the_tools_with_their_input_schemas() {
        try (McpSyncClient client = client(hrReader)) {
            // when
            McpSchema.InitializeResult init = client.initialize();
            List<McpSchema.Tool> tools = client.listTools().tools();

            // then
            assertThat(init.serverInfo().name()).isEqualTo("caravan");
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().resources()).isNotNull();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("search", "ask",
                    "get_document");
            assertThat(tools).allSatisfy(t -> {
                assertThat(t.description()).isNotBlank();
                assertThat((List<?>) t.inputSchema().get("required")).isNotEmpty();
                assertThat(t.outputSchema()).isNotNull();
            });
            McpSchema.Tool search = tools.stream().filter(t -> t.name().equals("search")).findFirst().orElseThrow();
            assertThat((Map<String, Object>) search.inputSchema().get("properties")).containsKeys("query", "k", "filters");
        }
    }

    @Test
    void should_search_ask_and_read_a_document_of_the_callers_groups() {
        try (McpSyncClient client = client(hrReader)) {
            client.initialize();

            // when
            McpSchema.CallToolResult search = client.callTool(new McpSchema.CallToolRequest("search",
                    Map.of("query", "salary bands", "k", 5)));
            McpSchema.CallToolResult ask = client.callTool(new McpSchema.CallToolRequest("ask",
                    Map.of("question", "When are salary bands reviewed?")));
            McpSchema.CallToolResult document = client.callTool(new McpSchema.CallToolRequest("get_document",
                    Map.of("docId", SALARIES)));

            // then
            assertThat(search.isError()).isFalse();
            assertThat(docIdsOf(search, "hits")).first().isEqualTo(SALARIES);
            assertThat(text(search)).contains("Salary bands are reviewed every April");
            assertThat(ask.isError()).isFalse();
            Map<String, Object> answer = structured(ask);
            assertThat((String) answer.get("answer")).contains("April").contains("[1]");
            assertThat(answer.get("mode")).isEqualTo("extractive");
            assertThat(answer).containsEntry("degraded", false).containsEntry("cached", false);
            assertThat(docIdsOf(ask, "citations")).contains(SALARIES);
            assertThat(text(ask)).contains("Sources:").contains("[1] ");
            assertThat(document.isError()).isFalse();
            assertThat((String) structured(document).get("text")).contains("Salary bands are reviewed every April");
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) structured(document).get("document");
            assertThat(record).containsEntry("docId", SALARIES).containsEntry("chunks", 1);
            // counted like any question, under its own channel (docs/operations.md#metrics)
            assertThat(caravan.get("/metrics").body()).containsPattern(
                    "caravan_questions_total\\{[^}]*channel=\"mcp\"[^}]*outcome=\"answered\"");
        }
    }

    @Test
    void should_show_a_reader_nothing_of_a_document_outside_its_groups() {
        try (McpSyncClient client = client(publicReader)) {
            client.initialize();

            // when
            McpSchema.CallToolResult search = client.callTool(new McpSchema.CallToolRequest("search",
                    Map.of("query", "salary bands reviewed April", "k", 50)));
            McpSchema.CallToolResult ask = client.callTool(new McpSchema.CallToolRequest("ask",
                    Map.of("question", "When are salary bands reviewed?")));
            McpSchema.CallToolResult document = client.callTool(new McpSchema.CallToolRequest("get_document",
                    Map.of("docId", SALARIES)));
            McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("get_document",
                    Map.of("docId", "no/such.md")));

            // then
            assertThat(docIdsOf(search, "hits")).doesNotContain(SALARIES);
            assertThat(docIdsOf(ask, "citations")).doesNotContain(SALARIES);
            assertThat(text(ask)).doesNotContain("April");
            assertThat(document.isError()).isTrue();
            // exactly what an unknown document gets, less its name: nothing tells the document exists
            assertThat(text(document)).isEqualTo(text(unknown).replace("no/such.md", SALARIES));
            assertThat(client.listResources().resources()).extracting(McpSchema.Resource::name).containsExactly(NOTES);
            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest(
                    "caravan://documents/hr%2Fsalaries.md"))).isInstanceOf(McpError.class);
        }
    }

    @Test
    void should_list_resources_a_page_at_a_time_and_read_them() {
        try (McpSyncClient client = client(hrReader)) {
            client.initialize();

            // when: a page holds one resource here (caravan.mcp.page-size=1)
            McpSchema.ListResourcesResult first = client.listResources(McpSchema.FIRST_PAGE);
            McpSchema.ListResourcesResult second = client.listResources(first.nextCursor());
            McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(
                    "caravan://documents/hr%2Fsalaries.md"));

            // then
            assertThat(first.resources()).hasSize(1);
            assertThat(first.nextCursor()).isNotBlank();
            assertThat(second.resources()).hasSize(1);
            assertThat(List.of(first.resources().get(0).uri(), second.resources().get(0).uri()))
                    .containsExactly("caravan://documents/hr%2Fsalaries.md", "caravan://documents/notes.md");
            assertThat(second.nextCursor()).isNull();
            // the SDK client's listResources() follows the cursors itself
            assertThat(client.listResources().resources()).hasSize(2);
            assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
                    .contains("Salary bands are reviewed every April");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly("caravan://documents/{docId}");
        }
    }

    @Test
    void should_refuse_initialize_without_a_valid_credential() {
        // when / then
        try (McpSyncClient anonymous = client(null)) {
            assertThatThrownBy(anonymous::initialize).rootCause()
                    .isInstanceOfSatisfying(McpHttpClientTransportAuthorizationException.class,
                            e -> assertThat(e.getResponseInfo().statusCode()).isEqualTo(401));
        }
        HttpResponse<String> refused = caravan.send(caravan.request("/mcp")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer cvk_wrong")
                .POST(HttpRequest.BodyPublishers.ofString(initialize())));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"caravan\", error=\"invalid_token\"");
    }

    @Test
    void should_answer_a_notification_202_get_and_delete_405_and_negotiate_the_protocol_version() {
        // when
        HttpResponse<String> notification = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "application/json, text/event-stream");
        HttpResponse<String> get = caravan.send(caravan.request("/mcp").header("Authorization", "Bearer "
                + hrReader).GET());
        HttpResponse<String> delete = caravan.send(caravan.request("/mcp").header("Authorization", "Bearer "
                + hrReader).DELETE());
        HttpResponse<String> onlyJson = post(initialize(), "application/json");
        HttpResponse<String> initialized = post(initialize(), "application/json, text/event-stream");
        HttpResponse<String> fromTheFuture = post(initialize().replace("2025-06-18", "2099-01-01"),
                "application/json, text/event-stream");

        // then
        assertThat(notification.statusCode()).isEqualTo(202);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(onlyJson.statusCode()).isEqualTo(400);
        assertThat(RunningCaravan.json(onlyJson).at("/error/message").asText()).contains("Accept");
        assertThat(initialized.statusCode()).isEqualTo(200);
        assertThat(initialized.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(initialized.headers().firstValue("Mcp-Session-Id")).isEmpty();
        JsonNode result = RunningCaravan.json(initialized).get("result");
        assertThat(result.get("protocolVersion").asText()).isEqualTo("2025-06-18");
        // a version the server does not speak is answered with its newest, for the client to decide
        assertThat(RunningCaravan.json(fromTheFuture).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    private HttpResponse<String> post(String body, String accept) {
        return caravan.send(caravan.request("/mcp")
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header("Authorization", "Bearer " + hrReader)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
    }

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(caravan.url(""))
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (key != null) {
                        request.header("Authorization", "Bearer " + key);
                    }
                })
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @SuppressWarnings("unchecked")
    private static List<String> docIdsOf(McpSchema.CallToolResult result, String field) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) structured(result).get(field);
        return items.stream().map(i -> (String) i.get("docId")).distinct().toList();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
