package io.caravan.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a document stands in the ledger. */
public enum DocumentStatus {
    /** Seen, not yet indexed. */
    PENDING,
    /** All chunks durably indexed. */
    INDEXED,
    /** Quarantined: the ledger records the step and the reason. */
    FAILED,
    /** Removed from its source or through the API; its chunks are gone from the index. */
    DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
