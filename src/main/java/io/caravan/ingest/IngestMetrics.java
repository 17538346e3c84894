package io.caravan.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what ingestion did per source (docs/operations.md#metrics): {@code caravan_ingest_documents_total{source,
 * outcome}} with outcome {@code indexed}, {@code unchanged}, {@code failed} or {@code deleted}, and
 * {@code caravan_ingest_chunks_total{source,outcome="indexed"}} for the chunks written. Each instance counts what it
 * did itself; Prometheus sums the instances. Thread safe.
 */
public class IngestMetrics {

    private final MeterRegistry meters;

    public IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A document indexed (new or changed) with {@code chunks} chunks. */
    public void indexed(String source, int chunks) {
        documents(source, "indexed", 1);
        chunks(source, "indexed", chunks);
    }

    /** A document read again with the bytes it was indexed from: nothing done. */
    public void unchanged(String source) {
        documents(source, "unchanged", 1);
    }

    /** A document quarantined. */
    public void failed(String source) {
        documents(source, "failed", 1);
    }

    /** {@code documents} documents removed from the index (their source item left, or a DELETE). */
    public void deleted(String source, int documents) {
        documents(source, "deleted", documents);
    }

    private void documents(String source, String outcome, int count) {
        count("caravan.ingest.documents", "documents ingestion indexed, found unchanged, quarantined or deleted, "
                + "by source", source, outcome, count);
    }

    private void chunks(String source, String outcome, int count) {
        count("caravan.ingest.chunks", "chunks ingestion indexed, by source", source, outcome, count);
    }

    private void count(String meter, String description, String source, String outcome, int count) {
        if (count > 0) {
            Counter.builder(meter).description(description)
                    .tags("source", sourceLabel(source), "outcome", outcome)
                    .register(meters)
                    .increment(count);
        }
    }

    // the sources are Caravan's own names; anything else (a future source, a null) stays one label value
    private static String sourceLabel(String source) {
        return switch (source == null ? "" : source) {
            case "file", "s3", "mail" -> source;
            default -> "other";
        };
    }
}
