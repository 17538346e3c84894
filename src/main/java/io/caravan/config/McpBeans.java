package io.caravan.config;

import io.caravan.channel.DocumentsApi;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.QuestionMetrics;
import io.caravan.channel.QuestionReader;
import io.caravan.channel.mcp.CallerResourceList;
import io.caravan.channel.mcp.McpDocuments;
import io.caravan.channel.mcp.McpHttpBridge;
import io.caravan.channel.mcp.McpResources;
import io.caravan.channel.mcp.McpTools;
import io.caravan.channel.mcp.RouteCalls;
import io.caravan.channel.mcp.ToolFailures;
import io.caravan.index.HybridIndex;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The MCP channel's beans ({@code channel-mcp}; docs/mcp.md): the MCP Java SDK's stateless server with Caravan's
 * tools and document resources, and {@code mcpBridge}, its transport, which the route feeds. Built even when the
 * channel is off (it connects to nothing); the routes then do not start.
 */
final class McpBeans {

    /** The name and the instructions the server gives clients at initialize. */
    static final String SERVER_NAME = "caravan";
    static final String INSTRUCTIONS = "Caravan answers from an index of documents, with citations. Use search for "
            + "ranked passages, ask for a cited answer, get_document (or the caravan://documents/ resources) to read a "
            + "document's indexed text. You see only the documents your credential's groups may read.";

    private McpBeans() {
    }

    static void bind(CamelContext context, McpSettings settings, HybridIndex index, DocumentsApi documentsApi,
                     QuestionReader questions, ErrorReplies errors, int maxTopK) throws Exception {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        McpDocuments documents = new McpDocuments(documentsApi, index);
        McpResources resources = new McpResources(documents, settings.pageSize());
        McpTools tools = new McpTools(new RouteCalls(context.createProducerTemplate()), documents, questions,
                context.getRegistry().lookupByNameAndType("questionMetrics", QuestionMetrics.class),
                new ToolFailures(errors), maxTopK);
        McpHttpBridge bridge = new McpHttpBridge(json, DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(settings.allowedOrigins()).build(),
                sdk -> new CallerResourceList(sdk, resources, json));

        McpServer.StatelessSyncSpecification spec = McpServer.sync(bridge)
                .serverInfo(SERVER_NAME, version())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .jsonMapper(json)
                .validateToolInputs(true)
                // the handlers run on the route's thread, inside the request's exchange: no hop to another pool
                .immediateExecution(true)
                .resourceTemplates(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                        resources.template(), resources::read));
        tools.tools().forEach(tool -> spec.toolCall(tool, tools.handler(tool.name())));
        McpStatelessSyncServer server = spec.build();
        context.getRegistry().bind("mcpBridge", bridge);
        context.getRegistry().bind("mcpServer", server);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                server.closeGracefully();
            }
        }, true, true);
    }

    private static String version() {
        String version = McpBeans.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
