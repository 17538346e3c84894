package io.caravan.ingest.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ledger's stored documents: the create-index body (an explicit mapping) and the conversion of a
 * {@link DocumentRecord} plus its source version tag to and from a document's {@code _source}. Field names are
 * snake_case like the chunks' ({@code doc_id}). Pure; thread safe.
 */
final class LedgerEntries {

    static final String DOC_ID = "doc_id";
    static final String STATUS = "status";
    static final String SOURCE = "source";
    private static final String CHUNKS = "chunks";
    private static final String CONTENT_HASH = "content_hash";
    private static final String ERROR = "error";
    private static final String FAILED_STEP = "failed_step";
    private static final String CREATED_AT = "created_at";
    private static final String UPDATED_AT = "updated_at";
    private static final String ACL = "acl";
    private static final String SOURCE_VERSION = "source_version";

    private LedgerEntries() {
    }

    /**
     * What the ledger knows about one docId.
     *
     * @param record        its entry, or {@code null} when it has none (only a source version, or nothing)
     * @param sourceVersion the version tag its source last handed over, or {@code null}
     */
    record Entry(DocumentRecord record, String sourceVersion) {
        /** This entry with {@code next} as its record, the source version kept. */
        Entry with(DocumentRecord next) {
            return new Entry(next, sourceVersion);
        }
    }

    /**
     * The create-index body: one primary, a replica wherever the cluster has a second node, a strict mapping of
     * keywords (sorted and filtered), dates, and stored-only texts (the error, the version tag).
     */
    static ObjectNode indexBody(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        index.put("auto_expand_replicas", "0-1");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of(DOC_ID, SOURCE, STATUS, CONTENT_HASH, FAILED_STEP, ACL)) {
            properties.putObject(keyword).put("type", "keyword");
        }
        properties.putObject(CHUNKS).put("type", "integer");
        properties.putObject(CREATED_AT).put("type", "date");
        properties.putObject(UPDATED_AT).put("type", "date");
        for (String stored : List.of(ERROR, SOURCE_VERSION)) {
            properties.putObject(stored).put("type", "keyword").put("index", false).put("doc_values", false);
        }
        return body;
    }

    /** The {@code _source} of {@code entry}, the entry of {@code docId}. */
    static ObjectNode toSource(String docId, Entry entry) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put(DOC_ID, docId);
        DocumentRecord r = entry.record();
        if (r != null) {
            putIfSet(source, SOURCE, r.source());
            source.put(STATUS, r.status().wireName());
            source.put(CHUNKS, r.chunks());
            putIfSet(source, CONTENT_HASH, r.contentHash());
            putIfSet(source, ERROR, r.error());
            putIfSet(source, FAILED_STEP, r.failedStep());
            putIfSet(source, CREATED_AT, r.createdAt() == null ? null : r.createdAt().toString());
            putIfSet(source, UPDATED_AT, r.updatedAt() == null ? null : r.updatedAt().toString());
            if (r.acl() != null) {
                ArrayNode acl = source.putArray(ACL);
                r.acl().forEach(acl::add);
            }
        }
        putIfSet(source, SOURCE_VERSION, entry.sourceVersion());
        return source;
    }

    /** The entry stored as {@code source}. */
    static Entry fromSource(JsonNode source) {
        String version = text(source, SOURCE_VERSION);
        String status = text(source, STATUS);
        if (status == null) {
            return new Entry(null, version);
        }
        List<String> acl = null;
        if (source.get(ACL) != null && source.get(ACL).isArray()) {
            acl = new ArrayList<>();
            for (JsonNode group : source.get(ACL)) {
                acl.add(group.asText());
            }
        }
        return new Entry(new DocumentRecord(text(source, DOC_ID), text(source, SOURCE),
                DocumentStatus.valueOf(status.toUpperCase(Locale.ROOT)), source.path(CHUNKS).asInt(),
                text(source, CONTENT_HASH), text(source, ERROR), text(source, FAILED_STEP),
                instant(source, CREATED_AT), instant(source, UPDATED_AT), acl), version);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
