package io.caravan.eval;

import java.util.Objects;

/**
 * A document in a ranking, scored by its best chunk.
 *
 * @param docId the document id
 * @param score its best chunk's score; only comparable within one ranking
 */
public record RankedDocument(String docId, double score) {
    public RankedDocument {
        Objects.requireNonNull(docId, "docId");
    }
}
