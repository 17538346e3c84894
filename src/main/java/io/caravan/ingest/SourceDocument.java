package io.caravan.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A source item as read from its source, before parsing: identity, provenance and raw bytes.
 *
 * @param docId       stable source URI (path relative to the inbox root, {@code s3://bucket/key}, ...)
 * @param source      the source's name ({@code file}, {@code upload}, {@code s3}, ...)
 * @param fileName    the item's file name, a hint for type detection
 * @param content     the raw bytes
 * @param contentHash SHA-256 of {@code content}, lower-case hex
 * @param acl         groups allowed to read the document
 * @param modifiedAt  when the source last changed the item
 */
public record SourceDocument(String docId, String source, String fileName, byte[] content, String contentHash,
                             List<String> acl, Instant modifiedAt) {
    public SourceDocument {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentHash, "contentHash");
        acl = List.copyOf(acl);
        if (acl.isEmpty()) {
            throw new IllegalArgumentException("acl must name at least one group");
        }
        fileName = fileName == null ? docId : fileName;
        modifiedAt = modifiedAt == null ? Instant.now() : modifiedAt;
    }
}
