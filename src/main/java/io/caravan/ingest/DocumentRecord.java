package io.caravan.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ledger's entry for one document, as the documents API shows it.
 *
 * @param docId       stable source URI
 * @param source      source name
 * @param status      where the document stands
 * @param chunks      chunks in the index (0 unless indexed)
 * @param contentHash SHA-256 of the bytes last seen
 * @param error       why it failed, or {@code null}
 * @param failedStep  the pipeline step that failed, or {@code null}
 * @param createdAt   first seen
 * @param updatedAt   last change of status
 * @param acl         the groups the document is labelled with (docs/channels-and-sources.md#document-acls), or
 *                    {@code null} when unknown: a record written before ledgers kept ACLs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentRecord(String docId, String source, DocumentStatus status, int chunks, String contentHash,
                             String error, String failedStep, Instant createdAt, Instant updatedAt, List<String> acl) {
    public DocumentRecord {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(status, "status");
        acl = acl == null ? null : List.copyOf(acl);
    }
}
