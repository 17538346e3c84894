package io.caravan.channel.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.index.SearchRequest;
import io.caravan.json.Json;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tools' names, descriptions and JSON schemas (docs/mcp.md#tools). The output schemas let the SDK check every
 * structured result before it leaves. Thread safe.
 */
final class McpToolSchemas {

    private static final ObjectMapper JSON = Json.newMapper();

    private static final String PASSAGE = """
            {"type": "object", "properties": {
              "chunkId": {"type": "string"}, "docId": {"type": "string"}, "source": {"type": ["string", "null"]},
              "title": {"type": "string"}, "section": {"type": "string"}, "page": {"type": ["integer", "null"]},
              "content": {"type": "string"}, "score": {"type": "number"}},
             "required": ["chunkId", "docId", "content", "score"]}""";

    private static final String CITATION = """
            {"type": "object", "properties": {
              "n": {"type": "integer"}, "docId": {"type": "string"}, "title": {"type": "string"},
              "section": {"type": "string"}, "page": {"type": ["integer", "null"]},
              "snippet": {"type": "string"}, "quote": {"type": ["string", "null"]}},
             "required": ["n", "docId", "snippet"]}""";

    private final int maxK;

    McpToolSchemas(int maxK) {
        this.maxK = maxK;
    }

    List<McpSchema.Tool> tools() {
        return List.of(search(), ask(), getDocument());
    }

    private McpSchema.Tool search() {
        return McpSchema.Tool.builder().name(McpTools.SEARCH).title("Search the documents")
                .description("Ranked passages of the indexed documents you may read, best first, for a query in "
                        + "words (hybrid BM25 and vector search). Each passage has its document's docId, title, "
                        + "section and page; pass a docId to get_document to read the whole document.")
                .inputSchema(map("""
                        {"type": "object", "properties": {
                          "query": {"type": "string", "minLength": 1, "description": "What to look for, in words"},
                          "k": {"type": "integer", "minimum": 1, "maximum": %d, "default": 10,
                                "description": "How many passages to return"},
                          "filters": {"type": "object", "additionalProperties": {"type": "string"},
                                      "description": "Exact-match metadata filters, by field: %s"}},
                         "required": ["query"]}""".formatted(maxK, new TreeSet<>(SearchRequest.FILTERABLE_FIELDS))))
                .outputSchema(map("""
                        {"type": "object", "properties": {"hits": {"type": "array", "items": %s}},
                         "required": ["hits"]}""".formatted(PASSAGE)))
                .annotations(readOnly())
                .build();
    }

    private McpSchema.Tool ask() {
        return McpSchema.Tool.builder().name(McpTools.ASK).title("Ask the documents")
                .description("An answer to a question from the indexed documents you may read, with [n] markers "
                        + "citing passages listed under Sources. mode says whether a language model wrote it or "
                        + "it is extractive (sentences quoted from the passages); degraded means the model failed and "
                        + "the answer is extractive; cached means it was served from the answer cache. Pass the "
                        + "same sessionId to ask follow-up questions in one conversation.")
                .inputSchema(map("""
                        {"type": "object", "properties": {
                          "question": {"type": "string", "minLength": 1, "description": "The question"},
                          "sessionId": {"type": "string",
                                        "description": "A conversation id of your choice, for follow-up questions"}},
                         "required": ["question"]}"""))
                .outputSchema(map("""
                        {"type": "object", "properties": {
                          "answer": {"type": "string"}, "citations": {"type": "array", "items": %s},
                          "mode": {"type": "string", "enum": ["llm", "extractive"]}, "degraded": {"type": "boolean"},
                          "cached": {"type": "boolean"}, "requestId": {"type": "string"}},
                         "required": ["answer", "citations", "mode", "degraded", "cached"]}""".formatted(CITATION)))
                .annotations(readOnly())
                .build();
    }

    private McpSchema.Tool getDocument() {
        return McpSchema.Tool.builder().name(McpTools.GET_DOCUMENT).title("Read a document")
                .description("A document's record (status, chunks, source, updatedAt) and its indexed text, the "
                        + "passages in order, given its docId (from search or ask). A document you may not read is "
                        + "reported as not found.")
                .inputSchema(map("""
                        {"type": "object", "properties": {
                          "docId": {"type": "string", "minLength": 1, "description": "The document's docId"}},
                         "required": ["docId"]}"""))
                .outputSchema(map("""
                        {"type": "object", "properties": {
                          "document": {"type": "object", "properties": {
                            "docId": {"type": "string"}, "source": {"type": "string"}, "status": {"type": "string"},
                            "chunks": {"type": "integer"}, "updatedAt": {"type": "string"}},
                           "required": ["docId", "status", "chunks"]},
                          "title": {"type": "string"}, "mimeType": {"type": ["string", "null"]},
                          "text": {"type": "string"}, "truncated": {"type": "boolean"}},
                         "required": ["document", "text", "truncated"]}"""))
                .annotations(readOnly())
                .build();
    }

    // the tools only read: a client may call them without asking its user each time
    private static McpSchema.ToolAnnotations readOnly() {
        return new McpSchema.ToolAnnotations(null, true, false, true, false, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String schema) {
        try {
            return JSON.readValue(schema, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
