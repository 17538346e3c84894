package io.caravan.channel.mcp;

import io.caravan.auth.Identity;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The MCP SDK's stateless server transport over a Camel route (docs/mcp.md#transport): each {@code POST /mcp} body
 * is one JSON-RPC message, handed to the SDK's handler with the caller in its transport context; a request gets its
 * response as {@code application/json}, a notification a 202. The same checks as the SDK's servlet transport
 * ({@code HttpServletStatelessServerTransport}): Origin and Host, then an Accept naming both
 * {@code application/json} and {@code text/event-stream}; and, as the 2025-06-18 specification asks, an
 * {@code MCP-Protocol-Version} header the server does not speak is a 400. Thread safe once the SDK has set its
 * handler.
 */
public class McpHttpBridge implements McpStatelessServerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpBridge.class);
    private static final String APPLICATION_JSON = "application/json";
    private static final String TEXT_EVENT_STREAM = "text/event-stream";

    private final McpJsonMapper json;
    private final ServerTransportSecurityValidator security;
    private final UnaryOperator<McpStatelessServerHandler> decorator;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    /**
     * @param security  the Origin and Host rules (DNS rebinding; docs/mcp.md#security)
     * @param decorator wraps the SDK's handler, for the methods Caravan answers itself ({@link CallerResourceList})
     */
    public McpHttpBridge(McpJsonMapper json, ServerTransportSecurityValidator security,
                         UnaryOperator<McpStatelessServerHandler> decorator) {
        this.json = json;
        this.security = security;
        this.decorator = decorator;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = decorator.apply(mcpHandler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /**
     * The reply to one POST of {@code body} with the request's {@code headers} (case-insensitive names), sent by an
     * authenticated caller. Never throws: every failure is a JSON-RPC error without a stack trace.
     */
    public McpHttpReply handle(String body, Map<String, Object> headers, Identity identity, String callerKey,
                               String requestId) {
        if (closing || handler == null) {
            return error(503, McpSchema.ErrorCodes.INTERNAL_ERROR, "the MCP server is shutting down", null);
        }
        try {
            security.validateHeaders(headerLists(headers));
        } catch (ServerTransportSecurityException e) {
            return error(e.getStatusCode(), McpSchema.ErrorCodes.INVALID_REQUEST, e.getMessage(), null);
        }
        String accept = text(headers.get("Accept")).toLowerCase(Locale.ROOT);
        if (!accept.contains(APPLICATION_JSON) || !accept.contains(TEXT_EVENT_STREAM)) {
            return error(400, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Both application/json and text/event-stream required in Accept header", null);
        }
        String version = text(headers.get("MCP-Protocol-Version")).strip();
        if (!version.isEmpty() && !protocolVersions().contains(version)) {
            return error(400, McpSchema.ErrorCodes.INVALID_REQUEST, "Unsupported MCP-Protocol-Version " + version
                    + "; this server speaks " + protocolVersions(), null);
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body == null ? "" : body);
        } catch (IOException | IllegalArgumentException e) {
            return error(400, McpSchema.ErrorCodes.PARSE_ERROR, "Invalid message format: send one JSON-RPC "
                    + "request or notification", null);
        }
        McpTransportContext context = new McpCaller(identity, callerKey, requestId).context();
        if (message instanceof McpSchema.JSONRPCRequest request) {
            return respond(context, request);
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            try {
                handler.handleNotification(context, notification)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            } catch (RuntimeException e) {
                LOG.warn("MCP notification failed requestId={} method={} reason=\"{}\"", requestId,
                        notification.method(), e.getMessage());
            }
            return new McpHttpReply(202, null);
        }
        // a response: this server sends no requests of its own, so there is none it could answer
        return error(400, McpSchema.ErrorCodes.INVALID_REQUEST,
                "The server accepts either requests or notifications", null);
    }

    private McpHttpReply respond(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        try {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            return new McpHttpReply(200, json.writeValueAsString(response));
        } catch (IOException | RuntimeException e) {
            // the handlers turn every expected failure into a result or a JSON-RPC error: this is a bug
            LOG.error("MCP request failed requestId={} method={}", McpCaller.of(context).requestId(),
                    request.method(), e);
            return error(500, McpSchema.ErrorCodes.INTERNAL_ERROR, "the request failed; the log has details "
                    + "under requestId " + McpCaller.of(context).requestId(), request.id());
        }
    }

    // built as a map: the SDK's JSONRPCResponse refuses a null id, which JSON-RPC requires when the request's is unknown
    private McpHttpReply error(int status, int code, String message, Object id) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", message));
        try {
            return new McpHttpReply(status, json.writeValueAsString(response));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON-RPC error", e);
        }
    }

    private static Map<String, List<String>> headerLists(Map<String, Object> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                lists.put(name, values.stream().map(String::valueOf).toList());
            } else if (value != null) {
                lists.put(name, List.of(String.valueOf(value)));
            }
        });
        return lists;
    }

    private static String text(Object header) {
        if (header instanceof List<?> values) {
            return String.join(",", values.stream().map(String::valueOf).toList());
        }
        return header == null ? "" : String.valueOf(header);
    }
}
