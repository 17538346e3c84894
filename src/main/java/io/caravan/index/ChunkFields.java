package io.caravan.index;

import java.util.Map;

/**
 * The stored field names of a {@link Chunk}, the same in every engine, and the field each {@link SearchRequest}
 * filter names. Engines add only what is theirs (an analyzed title field, Elasticsearch's revision bookkeeping).
 */
public final class ChunkFields {

    public static final String CHUNK_ID = "chunk_id";
    public static final String DOC_ID = "doc_id";
    public static final String SOURCE = "source";
    /** The exact title, for filters; each engine analyzes it for BM25 under a field of its own. */
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String CHUNK_INDEX = "chunk_index";
    public static final String CONTENT_HASH = "content_hash";
    public static final String MIME_TYPE = "mime_type";
    public static final String ACL = "acl";
    public static final String MODIFIED_AT = "modified_at";
    public static final String INGESTED_AT = "ingested_at";
    public static final String EMBEDDING = "embedding";
    public static final String EMBEDDING_MODEL = "embedding_model";

    /** {@link SearchRequest#FILTERABLE_FIELDS} mapped to stored fields. */
    private static final Map<String, String> FILTER_FIELDS = Map.of(
            "docId", DOC_ID,
            "source", SOURCE,
            "mimeType", MIME_TYPE,
            "title", TITLE,
            "section", SECTION);

    private ChunkFields() {
    }

    /**
     * The stored field a search filter name stands for.
     *
     * @throws IllegalArgumentException when the name is not one of {@link SearchRequest#FILTERABLE_FIELDS}
     */
    public static String filterField(String filterName) {
        String field = FILTER_FIELDS.get(filterName);
        if (field == null) {
            throw new IllegalArgumentException("cannot filter on '" + filterName + "'; filterable fields are "
                    + SearchRequest.FILTERABLE_FIELDS);
        }
        return field;
    }
}
