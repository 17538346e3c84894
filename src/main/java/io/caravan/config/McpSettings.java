package io.caravan.config;

import java.util.List;

/**
 * The MCP channel ({@code caravan.mcp.*}; docs/mcp.md).
 *
 * @param enabled        whether {@code /mcp} is served
 * @param allowedOrigins browser origins allowed to call {@code /mcp} (a request with any other {@code Origin} header
 *                       is refused, against DNS rebinding); empty: none, which MCP clients outside browsers never
 *                       send
 * @param pageSize       resources per {@code resources/list} page
 */
public record McpSettings(boolean enabled, List<String> allowedOrigins, int pageSize) {

    public McpSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalStateException("configuration key caravan.mcp.page-size must be from 1 to 1000, was "
                    + pageSize);
        }
    }

    static McpSettings read(Settings settings) {
        return new McpSettings(settings.bool("caravan.mcp.enabled"),
                settings.list("caravan.mcp.allowed-origins"), settings.integer("caravan.mcp.page-size"));
    }
}
