/**
 * The MCP channel (docs/mcp.md): Caravan as a Model Context Protocol server over Streamable HTTP at {@code /mcp}. The
 * official MCP Java SDK's stateless server speaks the protocol; {@link io.caravan.channel.mcp.McpHttpBridge} is its
 * transport, fed by the {@code channel-mcp} routes, and the tools and resources hand over to the same search, answer
 * and document beans as the HTTP API, under the same access control.
 */
package io.caravan.channel.mcp;
