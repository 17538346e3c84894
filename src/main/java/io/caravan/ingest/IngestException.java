package io.caravan.ingest;

/** A document cannot be ingested; carries the pipeline step that failed so the quarantine can record it. */
public class IngestException extends RuntimeException {
    private final String step;

    public IngestException(String step, String message) {
        super(message);
        this.step = step;
    }

    public IngestException(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** The failed step: {@code read}, {@code parse}, {@code chunk}, {@code embed} or {@code index}. */
    public String step() {
        return step;
    }
}
