package io.caravan.channel;

import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/documents}: every document, and how many are in each status, so a long ingestion's
 * progress can be followed.
 *
 * @param documents every document the ledger knows, ordered by docId
 * @param counts    documents per status ({@code pending}, {@code indexed}, {@code failed}, {@code deleted})
 */
public record DocumentList(List<DocumentRecord> documents, Map<String, Integer> counts) {

    /** The list with its counts. */
    public static DocumentList of(List<DocumentRecord> documents) {
        Map<DocumentStatus, Integer> byStatus = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus status : DocumentStatus.values()) {
            byStatus.put(status, 0);
        }
        documents.forEach(d -> byStatus.merge(d.status(), 1, Integer::sum));
        Map<String, Integer> counts = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> counts.put(status.wireName(), n));
        return new DocumentList(List.copyOf(documents), counts);
    }
}
