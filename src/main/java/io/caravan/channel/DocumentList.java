package io.caravan.channel;

import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/documents}: one page of the documents a query is over, how many it is over, and how
 * many documents are in each status, so a long ingestion's progress can be followed (docs/http-api.md#documents).
 *
 * @param documents the page, ordered by docId
 * @param counts    documents per status ({@code pending}, {@code indexed}, {@code failed}, {@code deleted}) over
 *                  everything the caller may see, whatever the query
 * @param page      the page number, 1-based
 * @param size      the page size asked for
 * @param total     how many documents match the query, over all pages
 */
public record DocumentList(List<DocumentRecord> documents, Map<String, Integer> counts, int page, int size,
                           int total) {

    public DocumentList {
        documents = List.copyOf(documents);
        // in status order, as the wire has always shown them
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * The page {@code query} asks for out of {@code visible}, in one pass that keeps only the page's records, so a
     * ledger of 100,000 documents is counted, not copied.
     *
     * @param visible every document the caller may see, ordered by docId
     */
    public static DocumentList of(Iterable<DocumentRecord> visible, DocumentQuery query) {
        Map<DocumentStatus, Integer> byStatus = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus status : DocumentStatus.values()) {
            byStatus.put(status, 0);
        }
        List<DocumentRecord> page = new ArrayList<>();
        long offset = query.offset();
        int total = 0;
        for (DocumentRecord record : visible) {
            byStatus.merge(record.status(), 1, Integer::sum);
            if (query.matches(record)) {
                if (total >= offset && page.size() < query.size()) {
                    page.add(record);
                }
                total++;
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> counts.put(status.wireName(), n));
        return new DocumentList(page, counts, query.page(), query.size(), total);
    }
}
