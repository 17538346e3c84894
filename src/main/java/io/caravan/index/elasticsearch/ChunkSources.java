package io.caravan.index.elasticsearch;

import static io.caravan.index.ChunkFields.ACL;
import static io.caravan.index.ChunkFields.CHUNK_ID;
import static io.caravan.index.ChunkFields.CHUNK_INDEX;
import static io.caravan.index.ChunkFields.CONTENT;
import static io.caravan.index.ChunkFields.CONTENT_HASH;
import static io.caravan.index.ChunkFields.DOC_ID;
import static io.caravan.index.ChunkFields.EMBEDDING;
import static io.caravan.index.ChunkFields.EMBEDDING_MODEL;
import static io.caravan.index.ChunkFields.INGESTED_AT;
import static io.caravan.index.ChunkFields.MIME_TYPE;
import static io.caravan.index.ChunkFields.MODIFIED_AT;
import static io.caravan.index.ChunkFields.PAGE;
import static io.caravan.index.ChunkFields.SECTION;
import static io.caravan.index.ChunkFields.SOURCE;
import static io.caravan.index.ChunkFields.TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps chunks to Elasticsearch documents and back, with the {@link io.caravan.index.ChunkFields} names
 * (docs/architecture.md#chunk-record), and writes the index body (settings, mapping, alias) they need. Pure and
 * thread safe.
 *
 * <p>Besides the chunk record every document carries {@code revision} (which upsert wrote it) and
 * {@code revision_chunks} (how many chunks that upsert wrote for the document): together they let start-up tell
 * a complete document from one torn by a crash in the middle of a replacement.
 */
final class ChunkSources {

    /** The title analyzed for BM25, a sub-field of the keyword {@link io.caravan.index.ChunkFields#TITLE}. */
    static final String TITLE_TEXT = "title.text";
    static final String REVISION = "revision";
    static final String REVISION_CHUNKS = "revision_chunks";

    /** Keys of the mapping's {@code _meta}: who wrote the vectors, and how the text was analyzed. */
    static final String META_EMBEDDING_MODEL = "caravan_embedding_model";
    static final String META_DIMENSIONS = "caravan_dimensions";
    static final String META_ANALYZER = "caravan_analyzer";

    /** Longest keyword value indexed (Lucene refuses terms over 32766 bytes); longer titles are stored only. */
    private static final int IGNORE_ABOVE = 8191;

    /** Elasticsearch refuses document ids longer than 512 bytes. */
    private static final int MAX_ID_BYTES = 512;

    private ChunkSources() {
    }

    /**
     * The stored id of a chunk of one revision: {@code docId#n@revision}, or a digest of it when longer than
     * Elasticsearch takes.
     */
    static String documentId(String docId, int chunkIndex, long revision) {
        String id = Chunk.idOf(docId, chunkIndex) + "@" + revision;
        if (id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document stored for one chunk; {@code documentHash} stands in for a chunk without its own hash. */
    static Map<String, Object> toSource(Chunk chunk, String documentHash, long revision, int revisionChunks) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put(CHUNK_ID, chunk.chunkId());
        source.put(DOC_ID, chunk.docId());
        putIfPresent(source, SOURCE, chunk.source());
        source.put(TITLE, chunk.title());
        source.put(CONTENT, chunk.content());
        source.put(SECTION, chunk.section());
        putIfPresent(source, PAGE, chunk.page());
        source.put(CHUNK_INDEX, chunk.chunkIndex());
        putIfPresent(source, CONTENT_HASH, chunk.contentHash() != null ? chunk.contentHash() : documentHash);
        putIfPresent(source, MIME_TYPE, chunk.mimeType());
        source.put(ACL, chunk.acl());
        putIfPresent(source, MODIFIED_AT, chunk.modifiedAt() == null ? null : chunk.modifiedAt().toEpochMilli());
        putIfPresent(source, INGESTED_AT, chunk.ingestedAt() == null ? null : chunk.ingestedAt().toEpochMilli());
        source.put(EMBEDDING, chunk.embedding());
        putIfPresent(source, EMBEDDING_MODEL, chunk.embeddingModel());
        source.put(REVISION, revision);
        source.put(REVISION_CHUNKS, revisionChunks);
        return source;
    }

    /** The chunk in a stored document, without its embedding. */
    static Chunk toChunk(JsonNode source) {
        List<String> acl = new ArrayList<>();
        JsonNode groups = source.path(ACL);
        if (groups.isArray()) {
            groups.forEach(group -> acl.add(group.asText()));
        } else if (groups.isTextual()) {
            acl.add(groups.asText());
        }
        return new Chunk(text(source, CHUNK_ID), text(source, DOC_ID), text(source, SOURCE), text(source, TITLE),
                text(source, CONTENT), text(source, SECTION),
                source.hasNonNull(PAGE) ? source.get(PAGE).asInt() : null, source.path(CHUNK_INDEX).asInt(),
                text(source, CONTENT_HASH), text(source, MIME_TYPE), acl, instant(source, MODIFIED_AT),
                instant(source, INGESTED_AT), null, text(source, EMBEDDING_MODEL));
    }

    /**
     * The chunk in a stored document with its embedding, as a re-label writes it back; the source must have been
     * fetched with its vectors ({@code _source.exclude_vectors: false}: recent versions leave them out).
     *
     * @throws IllegalStateException when the source holds no embedding
     */
    static Chunk toChunkWithEmbedding(JsonNode source) {
        JsonNode values = source.path(EMBEDDING);
        if (!values.isArray() || values.isEmpty()) {
            throw new IllegalStateException("chunk " + text(source, CHUNK_ID) + " was read without its embedding");
        }
        float[] embedding = new float[values.size()];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) values.get(i).asDouble();
        }
        Chunk c = toChunk(source);
        return new Chunk(c.chunkId(), c.docId(), c.source(), c.title(), c.content(), c.section(), c.page(),
                c.chunkIndex(), c.contentHash(), c.mimeType(), c.acl(), c.modifiedAt(), c.ingestedAt(), embedding,
                c.embeddingModel());
    }

    /** The revision that wrote a stored document. */
    static long revisionOf(JsonNode source) {
        return source.path(REVISION).asLong();
    }

    /**
     * The create-index body: one primary (documents are routed by docId anyway), a replica wherever the cluster
     * has a second node, no periodic refresh (writes become visible only through the explicit refresh after each
     * write, so readers never see half of a replacement), BM25 with the configured parameters, and the mapping.
     */
    static ObjectNode indexBody(ObjectMapper json, String alias, String embeddingModel, int dimensions,
                                ElasticsearchIndexOptions options) {
        ObjectNode body = json.createObjectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        index.put("auto_expand_replicas", "0-1");
        index.put("refresh_interval", "-1");
        index.putObject("similarity").putObject("default")
                .put("type", "BM25").put("k1", options.ranking().bm25K1()).put("b", options.ranking().bm25B());

        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("_meta")
                .put(META_EMBEDDING_MODEL, embeddingModel)
                .put(META_DIMENSIONS, dimensions)
                .put(META_ANALYZER, options.analyzer());
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of(CHUNK_ID, DOC_ID, SOURCE, CONTENT_HASH, MIME_TYPE, ACL, EMBEDDING_MODEL)) {
            properties.putObject(keyword).put("type", "keyword");
        }
        properties.putObject(SECTION).put("type", "keyword").put("ignore_above", IGNORE_ABOVE);
        ObjectNode title = properties.putObject(TITLE).put("type", "keyword").put("ignore_above", IGNORE_ABOVE);
        title.putObject("fields").putObject("text").put("type", "text").put("analyzer", options.analyzer());
        properties.putObject(CONTENT).put("type", "text").put("analyzer", options.analyzer());
        properties.putObject(PAGE).put("type", "integer");
        properties.putObject(CHUNK_INDEX).put("type", "integer");
        for (String date : List.of(MODIFIED_AT, INGESTED_AT)) {
            properties.putObject(date).put("type", "date").put("format", "epoch_millis");
        }
        ObjectNode embedding = properties.putObject(EMBEDDING).put("type", "dense_vector").put("dims", dimensions)
                .put("index", true).put("similarity", "cosine");
        // Plain float HNSW, as Lucene: recent versions default to quantized vectors, which would rank differently.
        embedding.putObject("index_options").put("type", "hnsw");
        properties.putObject(REVISION).put("type", "long");
        properties.putObject(REVISION_CHUNKS).put("type", "integer");

        body.putObject("aliases").putObject(alias).put("is_write_index", true);
        return body;
    }

    private static void putIfPresent(Map<String, Object> source, String field, Object value) {
        if (value != null) {
            source.put(field, value);
        }
    }

    private static String text(JsonNode source, String field) {
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode source, String field) {
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }
}
