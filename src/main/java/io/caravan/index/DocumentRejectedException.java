package io.caravan.index;

/**
 * The engine refused a document for good (a mapping or parsing error, not an outage): retrying cannot help, so the
 * ingest route quarantines the document with this message as the reason. The document's previous chunks, if any,
 * are left as they were.
 */
public class DocumentRejectedException extends RuntimeException {
    public DocumentRejectedException(String message) {
        super(message);
    }
}
