package io.caravan.channel.mcp;

import io.caravan.auth.Identity;
import io.modelcontextprotocol.common.McpTransportContext;

import java.util.Map;
import java.util.Objects;

/**
 * Who sent one MCP request, as {@code direct:http-caller} found it: the SDK carries it to the tool and resource
 * handlers in the request's {@link McpTransportContext}, so nothing about a caller outlives its request.
 *
 * @param identity  the authenticated caller (anonymous when authentication is off)
 * @param callerKey its key for throttling and conversations ({@code CallerKeys})
 * @param requestId the HTTP request's id, the question's too
 */
public record McpCaller(Identity identity, String callerKey, String requestId) {

    /** The key of the caller in a transport context. */
    static final String CONTEXT_KEY = "caravan.caller";

    public McpCaller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** A transport context holding this caller. */
    McpTransportContext context() {
        return McpTransportContext.create(Map.of(CONTEXT_KEY, this));
    }

    /**
     * The caller of the request {@code context} belongs to.
     *
     * @throws IllegalStateException when the context holds none: a request that did not come through the bridge
     */
    static McpCaller of(McpTransportContext context) {
        if (context != null && context.get(CONTEXT_KEY) instanceof McpCaller caller) {
            return caller;
        }
        throw new IllegalStateException("the MCP request carries no caller: it did not come through /mcp");
    }
}
