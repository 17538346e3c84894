package io.caravan.channel.mcp;

import io.caravan.channel.ErrorReplies;
import io.caravan.channel.ErrorReply;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;

/**
 * A failed tool call as the tool result MCP expects (docs/mcp.md#errors): {@code isError} with the same code and
 * message as the HTTP API's JSON error, and when to retry for a 429 or 503, so the model can read what went wrong and
 * act on it. Never a stack trace: {@link ErrorReplies} logs the unexpected ones under the request id. Thread safe.
 */
public class ToolFailures {

    private final ErrorReplies errors;

    public ToolFailures(ErrorReplies errors) {
        this.errors = errors;
    }

    /** The result of a call that failed with {@code error}. */
    public McpSchema.CallToolResult resultFor(Throwable error, String requestId) {
        ErrorReply.Detail detail = errors.replyFor(error, requestId).error();
        int status = errors.statusFor(error);
        Long retryAfter = errors.retryAfterFor(error);
        String message = detail.message() + (retryAfter == null ? "" : " (retry after " + retryAfter + " s)");
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .isError(true)
                .meta(Map.of("caravan/error", Map.of("code", detail.code(), "status", status, "requestId",
                        requestId)))
                .build();
    }

    /** The HTTP status the HTTP API would answer {@code error} with. */
    public int statusFor(Throwable error) {
        return errors.statusFor(error);
    }
}
