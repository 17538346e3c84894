package io.caravan.channel.mcp;

/**
 * The HTTP reply to one POST to {@code /mcp}.
 *
 * @param status the HTTP status
 * @param json   the JSON-RPC message to send as {@code application/json}, or {@code null} for an empty body (202)
 */
public record McpHttpReply(int status, String json) {

    /** Whether the reply has a JSON body. */
    public boolean hasBody() {
        return json != null;
    }
}
