package io.caravan.channel.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class McpHttpBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOTH = "application/json, text/event-stream";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
    private static final Identity ANA = new Identity("ana", Set.of("hr"), Role.READER);

    private final List<McpCaller> callers = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private RuntimeException failure;
    private McpHttpBridge bridge;

    /** A stand-in for the SDK's server: records who called what, answers {"ok":true}. */
    private final McpStatelessServerHandler sdk = new McpStatelessServerHandler() {
        @Override
        public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context,
                                                            McpSchema.JSONRPCRequest request) {
            return Mono.fromSupplier(() -> {
                callers.add(McpCaller.of(context));
                methods.add(request.method());
                if (failure != null) {
                    throw failure;
                }
                return McpSchema.JSONRPCResponse.result(request.id(), Map.of("ok", true));
            });
        }

        @Override
        public Mono<Void> handleNotification(McpTransportContext context,
                                             McpSchema.JSONRPCNotification notification) {
            callers.add(McpCaller.of(context));
            methods.add(notification.method());
            return Mono.empty();
        }
    };

    @BeforeEach
    void connect() {
        bridge = new McpHttpBridge(McpJsonDefaults.getMapper(), DefaultServerTransportSecurityValidator.builder()
                .allowedOrigin("http://localhost:*").build(), UnaryOperator.identity());
        bridge.setMcpHandler(sdk);
    }

    @Test
    void should_hand_a_request_to_the_sdk_with_the_caller_in_its_context_and_reply_with_its_json() throws Exception {
        // when
        McpHttpReply reply = bridge.handle(PING, headers("Accept", BOTH), ANA, "principal:ana", "req-1");

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(reply.json());
        assertThat(body.get("id").asInt()).isEqualTo(7);
        assertThat(body.at("/result/ok").asBoolean()).isTrue();
        assertThat(callers).containsExactly(new McpCaller(ANA, "principal:ana", "req-1"));
        assertThat(methods).containsExactly("ping");
    }

    @Test
    void should_answer_a_notification_202_without_a_body() {
        // when
        McpHttpReply reply = bridge.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                headers("Accept", BOTH), ANA, "principal:ana", "req-2");

        // then
        assertThat(reply).isEqualTo(new McpHttpReply(202, null));
        assertThat(methods).containsExactly("notifications/initialized");
    }

    @Test
    void should_refuse_an_accept_header_without_both_media_types_before_the_sdk_sees_it() throws Exception {
        // when
        McpHttpReply onlyJson = bridge.handle(PING, headers("Accept", "application/json"), ANA, "k", "req-3");
        McpHttpReply none = bridge.handle(PING, headers(), ANA, "k", "req-4");

        // then
        assertThat(onlyJson.status()).isEqualTo(400);
        assertThat(none.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(onlyJson.json());
        assertThat(error.at("/error/code").asInt()).isEqualTo(McpSchema.ErrorCodes.INVALID_REQUEST);
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(methods).isEmpty();
    }

    @Test
    void should_refuse_a_protocol_version_header_the_server_does_not_speak() throws Exception {
        // when
        McpHttpReply unknown = bridge.handle(PING, headers("Accept", BOTH, "MCP-Protocol-Version", "1999-01-01"),
                ANA, "k", "req-5");
        McpHttpReply known = bridge.handle(PING, headers("Accept", BOTH, "mcp-protocol-version", "2025-06-18"),
                ANA, "k", "req-6");

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.json()).at("/error/message").asText()).contains("1999-01-01");
        assertThat(known.status()).isEqualTo(200);
    }

    @Test
    void should_refuse_a_browser_origin_that_is_not_allowed() {
        // when
        McpHttpReply foreign = bridge.handle(PING, headers("Accept", BOTH, "Origin", "https://evil.example"), ANA,
                "k", "req-7");
        McpHttpReply local = bridge.handle(PING, headers("Accept", BOTH, "Origin", "http://localhost:5173"), ANA,
                "k", "req-8");

        // then
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(local.status()).isEqualTo(200);
        assertThat(callers).hasSize(1);
    }

    @Test
    void should_answer_malformed_json_and_a_response_message_400_with_a_json_rpc_error() throws Exception {
        // when
        McpHttpReply malformed = bridge.handle("{not json", headers("Accept", BOTH), ANA, "k", "req-9");
        McpHttpReply response = bridge.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", headers("Accept", BOTH),
                ANA, "k", "req-10");

        // then
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.json()).at("/error/code").asInt()).isEqualTo(
                McpSchema.ErrorCodes.PARSE_ERROR);
        assertThat(response.status()).isEqualTo(400);
        assertThat(methods).isEmpty();
    }

    @Test
    void should_answer_500_naming_the_request_id_but_no_stack_trace_when_the_handler_fails() throws Exception {
        // given
        failure = new IllegalStateException("secret internals at Foo.java:42");

        // when
        McpHttpReply reply = bridge.handle(PING, headers("Accept", BOTH), ANA, "k", "req-11");

        // then
        assertThat(reply.status()).isEqualTo(500);
        JsonNode error = JSON.readTree(reply.json());
        assertThat(error.get("id").asInt()).isEqualTo(7);
        assertThat(error.at("/error/message").asText()).contains("req-11").doesNotContain("Foo.java");
    }

    @Test
    void should_answer_503_once_closing() {
        // given
        bridge.closeGracefully().block();

        // when
        McpHttpReply reply = bridge.handle(PING, headers("Accept", BOTH), ANA, "k", "req-12");

        // then
        assertThat(reply.status()).isEqualTo(503);
        assertThat(methods).isEmpty();
    }

    // Camel's headers: names match whatever their case
    private static Map<String, Object> headers(String... namesAndValues) {
        Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
