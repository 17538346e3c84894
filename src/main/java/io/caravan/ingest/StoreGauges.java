package io.caravan.ingest;

import io.caravan.index.HybridIndex;
import io.caravan.index.IndexStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gauges read from the index and the ledger (docs/operations.md#metrics): {@code caravan_index_documents},
 * {@code caravan_index_chunks}, {@code caravan_ledger_documents{status}} and {@code caravan_ingest_backlog{source}}
 * (the documents accepted and not yet indexed or quarantined). Each scrape would otherwise count the whole index and
 * ledger (on Elasticsearch, requests to the cluster), so the counts are read at most once per {@code maxAge} and
 * shared by every gauge; while the store is unavailable they read NaN. On several instances sharing Elasticsearch
 * every instance reports the same cluster-wide counts: aggregate them with {@code max}, not {@code sum}. Thread safe.
 */
public final class StoreGauges {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGauges.class);
    private static final List<String> SOURCES = List.of("file", "s3", "mail");

    private final HybridIndex index;
    private final DocumentLedger ledger;
    private final Duration maxAge;
    private final Clock clock;
    private Snapshot snapshot;

    private record Snapshot(Instant readAt, IndexStats index, Map<String, Map<DocumentStatus, Long>> ledger) {
    }

    private StoreGauges(HybridIndex index, DocumentLedger ledger, Duration maxAge, Clock clock) {
        this.index = index;
        this.ledger = ledger;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Registers the gauges in {@code meters}; they read the store at most once per {@code maxAge}. */
    public static StoreGauges register(MeterRegistry meters, HybridIndex index, DocumentLedger ledger,
                                       Duration maxAge, Clock clock) {
        // the gauges hold their state strongly: Micrometer's default weak reference would let it be collected
        StoreGauges gauges = new StoreGauges(index, ledger, maxAge, clock);
        Gauge.builder("caravan.index.documents", gauges, g -> g.indexCount(true))
                .description("distinct documents in the index").strongReference(true).register(meters);
        Gauge.builder("caravan.index.chunks", gauges, g -> g.indexCount(false))
                .description("chunks in the index").strongReference(true).register(meters);
        for (DocumentStatus status : DocumentStatus.values()) {
            Gauge.builder("caravan.ledger.documents", gauges, g -> g.ledgerCount(null, status))
                    .description("documents the ledger records in each status")
                    .tag("status", status.wireName()).strongReference(true).register(meters);
        }
        for (String source : SOURCES) {
            Gauge.builder("caravan.ingest.backlog", gauges, g -> g.ledgerCount(source, DocumentStatus.PENDING))
                    .description("documents accepted from a source and not yet indexed or quarantined")
                    .tag("source", source).strongReference(true).register(meters);
        }
        return gauges;
    }

    private double indexCount(boolean documents) {
        Snapshot current = current();
        if (current == null || current.index() == null) {
            return Double.NaN;
        }
        return documents ? current.index().documents() : current.index().chunks();
    }

    // source null: every source
    private double ledgerCount(String source, DocumentStatus status) {
        Snapshot current = current();
        if (current == null || current.ledger() == null) {
            return Double.NaN;
        }
        long count = 0;
        for (var bySource : current.ledger().entrySet()) {
            if (source == null || source.equals(bySource.getKey())) {
                count += bySource.getValue().getOrDefault(status, 0L);
            }
        }
        return count;
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(maxAge))) {
            snapshot = new Snapshot(now, read("index", index::stats), read("ledger", ledger::countBySourceAndStatus));
        }
        return snapshot;
    }

    private static <T> T read(String what, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            // the store is down or closing: the gauges say "unknown" until it answers; /api/health says why
            LOG.debug("metrics could not read the {}: {}", what, e.getMessage());
            return null;
        }
    }
}
