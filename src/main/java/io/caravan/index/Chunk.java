package io.caravan.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One indexed chunk: the record both engines store (docs/architecture.md#chunk-record).
 *
 * @param chunkId        {@code {docId}#{chunkIndex}}
 * @param docId          stable source URI of the document
 * @param source         source name ({@code file}, {@code upload}, ...)
 * @param title          document title
 * @param content        chunk text
 * @param section        heading path or empty
 * @param page           1-based page or {@code null}
 * @param chunkIndex     position in the document, from 0
 * @param contentHash    SHA-256 of the document's source bytes
 * @param mimeType       detected media type
 * @param acl            groups allowed to read the chunk
 * @param modifiedAt     when the source item last changed
 * @param ingestedAt     when the chunk was indexed
 * @param embedding      the chunk's vector, or {@code null} when read back without it
 * @param embeddingModel name of the model that produced {@code embedding}
 */
public record Chunk(String chunkId, String docId, String source, String title, String content, String section,
                    Integer page, int chunkIndex, String contentHash, String mimeType, List<String> acl,
                    Instant modifiedAt, Instant ingestedAt, float[] embedding, String embeddingModel) {
    public Chunk {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(content, "content");
        acl = List.copyOf(acl);
        section = section == null ? "" : section;
        title = title == null ? "" : title;
    }

    /** The chunk id for a document and position. */
    public static String idOf(String docId, int chunkIndex) {
        return docId + "#" + chunkIndex;
    }
}
