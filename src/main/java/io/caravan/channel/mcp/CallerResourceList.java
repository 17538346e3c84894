package io.caravan.channel.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * Answers {@code resources/list} per caller and a page at a time, and hands every other message to the SDK's
 * handler. The SDK's stateless server lists only resources registered up front, the same to every caller and all in
 * one reply: right for a fixed set, wrong for a ledger of 100,000 documents under access control. The reply is built
 * from the SDK's own types (docs/mcp.md#resources). Thread safe.
 */
public class CallerResourceList implements McpStatelessServerHandler {

    private final McpStatelessServerHandler sdk;
    private final McpResources resources;
    private final McpJsonMapper json;

    public CallerResourceList(McpStatelessServerHandler sdk, McpResources resources, McpJsonMapper json) {
        this.sdk = sdk;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context,
                                                        McpSchema.JSONRPCRequest request) {
        if (!McpSchema.METHOD_RESOURCES_LIST.equals(request.method())) {
            return sdk.handleRequest(context, request);
        }
        return Mono.fromSupplier(() -> {
            try {
                McpSchema.PaginatedRequest params = request.params() == null ? new McpSchema.PaginatedRequest()
                        : json.convertValue(request.params(), McpSchema.PaginatedRequest.class);
                return McpSchema.JSONRPCResponse.result(request.id(),
                        resources.list(McpCaller.of(context), params.cursor()));
            } catch (McpError e) {
                return McpSchema.JSONRPCResponse.error(request.id(), e.getJsonRpcError());
            } catch (IllegalArgumentException e) {
                return McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                        McpSchema.ErrorCodes.INVALID_PARAMS, "invalid resources/list params", null));
            }
        });
    }

    @Override
    public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
        return sdk.handleNotification(context, notification);
    }
}
