package io.caravan.channel.mcp;

import io.caravan.channel.ApiException;
import io.caravan.ingest.DocumentRecord;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Indexed documents as MCP resources (docs/mcp.md#resources): {@code caravan://documents/{docId}} with the docId
 * percent-encoded, read as its indexed text, listed a page at a time; a caller sees only the documents its groups
 * may see, and one it may not is "not found" like one that does not exist. Thread safe.
 */
public class McpResources {

    static final String PREFIX = "caravan://documents/";
    static final String TEMPLATE = PREFIX + "{docId}";
    static final String MIME_TYPE = "text/plain";

    private final McpDocuments documents;
    private final int pageSize;

    /** @param pageSize resources per {@code resources/list} page */
    public McpResources(McpDocuments documents, int pageSize) {
        this.documents = documents;
        this.pageSize = pageSize;
    }

    /** The template every document's URI follows, as {@code resources/templates/list} shows it. */
    public McpSchema.ResourceTemplate template() {
        return McpSchema.ResourceTemplate.builder().uriTemplate(TEMPLATE).name("document")
                .title("An indexed document")
                .description("The indexed text of the document whose docId (percent-encoded) ends the URI")
                .mimeType(MIME_TYPE).build();
    }

    /** The URI of document {@code docId}. */
    static String uriOf(String docId) {
        return PREFIX + URLEncoder.encode(docId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A page of the documents the caller may see ({@code resources/list}).
     *
     * @throws McpError invalid params for a cursor this server did not give
     */
    public McpSchema.ListResourcesResult list(McpCaller caller, String cursor) {
        McpDocuments.Page page;
        try {
            page = documents.page(caller, cursor, pageSize);
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        }
        List<McpSchema.Resource> resources = page.documents().stream().map(McpResources::resourceOf).toList();
        return McpSchema.ListResourcesResult.builder(resources).nextCursor(page.nextCursor()).build();
    }

    private static McpSchema.Resource resourceOf(DocumentRecord record) {
        String docId = record.docId();
        return McpSchema.Resource.builder().uri(uriOf(docId)).name(docId)
                .title(docId.substring(docId.lastIndexOf('/') + 1))
                .description(record.chunks() + " passages from " + record.source() + ", updated "
                        + record.updatedAt())
                .mimeType(MIME_TYPE).build();
    }

    /**
     * The indexed text of the document at {@code request}'s URI ({@code resources/read}).
     *
     * @throws McpError resource not found when the URI names no document the caller may see
     */
    public McpSchema.ReadResourceResult read(McpTransportContext context, McpSchema.ReadResourceRequest request) {
        String uri = request.uri();
        McpCaller caller = McpCaller.of(context);
        McpDocuments.DocumentText document;
        try {
            document = documents.read(docIdOf(uri), caller);
        } catch (ApiException | IllegalArgumentException e) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        return new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(uri, MIME_TYPE, document.text())));
    }

    private static String docIdOf(String uri) {
        if (uri == null || !uri.startsWith(PREFIX) || uri.length() == PREFIX.length()) {
            throw new IllegalArgumentException("not a document URI: " + uri);
        }
        return URLDecoder.decode(uri.substring(PREFIX.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
