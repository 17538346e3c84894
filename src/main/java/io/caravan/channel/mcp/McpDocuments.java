package io.caravan.channel.mcp;

import io.caravan.channel.DocumentsApi;
import io.caravan.index.Chunk;
import io.caravan.index.HybridIndex;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A document as the MCP channel shows it (docs/mcp.md#get_document): its ledger record and its indexed text, under
 * the documents API's access control (one the caller may not see is as unknown as one that does not exist), and the
 * pages of indexed documents the resources list walks with an opaque cursor. Thread safe.
 */
public class McpDocuments {

    /** Characters of indexed text shown at most: a whole book would not fit a model's context anyway. */
    static final int MAX_TEXT_CHARS = 100_000;

    private final DocumentsApi documents;
    private final HybridIndex index;

    public McpDocuments(DocumentsApi documents, HybridIndex index) {
        this.documents = documents;
        this.index = index;
    }

    /** A document with its indexed text: the chunks' contents in order, joined by blank lines. */
    public record DocumentText(DocumentRecord document, String title, String mimeType, String text,
                               boolean truncated) {
    }

    /** A page of documents and the cursor of the next one, {@code null} after the last. */
    public record Page(List<DocumentRecord> documents, String nextCursor) {
    }

    /**
     * The document {@code docId} as {@code caller} may see it.
     *
     * @throws io.caravan.channel.ApiException 404 when unknown or not visible to the caller
     */
    public DocumentText read(String docId, McpCaller caller) {
        DocumentRecord record = documents.get(docId, caller.identity(), caller.requestId(), "mcp");
        List<Chunk> chunks = record.status() == DocumentStatus.INDEXED ? index.chunks(docId) : List.of();
        String text = chunks.stream().map(Chunk::content).collect(Collectors.joining("\n\n"));
        boolean truncated = text.length() > MAX_TEXT_CHARS;
        String title = chunks.isEmpty() ? "" : chunks.get(0).title();
        String mimeType = chunks.isEmpty() ? null : chunks.get(0).mimeType();
        return new DocumentText(record, title, mimeType, truncated ? text.substring(0, MAX_TEXT_CHARS) : text,
                truncated);
    }

    /**
     * The page of indexed documents {@code caller} may see after {@code cursor} ({@code null}: the first page).
     *
     * @throws IllegalArgumentException when the cursor is not one this server gave
     */
    public Page page(McpCaller caller, String cursor, int size) {
        List<DocumentRecord> next = documents.page(caller.identity(), DocumentStatus.INDEXED, afterDocId(cursor),
                size + 1);
        if (next.size() <= size) {
            return new Page(next, null);
        }
        List<DocumentRecord> page = next.subList(0, size);
        return new Page(List.copyOf(page), cursorAfter(page.get(size - 1).docId()));
    }

    // the cursor is the last docId listed: a page resumes right after it, whatever was added or removed meanwhile
    static String cursorAfter(String docId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(docId.getBytes(StandardCharsets.UTF_8));
    }

    private static String afterDocId(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor \"" + cursor + "\": pass the nextCursor of the "
                    + "previous page", e);
        }
    }
}
