package io.caravan.ingest;

import io.caravan.index.HybridIndex;
import io.caravan.index.IndexStats;
import io.caravan.index.IndexUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class StoreGaugesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger indexReads = new AtomicInteger();
    private final AtomicInteger ledgerReads = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private Supplier<IndexStats> stats = () -> new IndexStats(3, 12, 7, "bge");

    @Test
    void should_report_the_index_and_the_ledger_counts_with_the_pending_ones_as_backlog_per_source() {
        // given
        register();

        // when / then
        assertThat(gauge("caravan.index.documents")).isEqualTo(3);
        assertThat(gauge("caravan.index.chunks")).isEqualTo(12);
        assertThat(meters.get("caravan.ledger.documents").tag("status", "indexed").gauge().value()).isEqualTo(5);
        assertThat(meters.get("caravan.ledger.documents").tag("status", "pending").gauge().value()).isEqualTo(4);
        assertThat(meters.get("caravan.ingest.backlog").tag("source", "file").gauge().value()).isEqualTo(3);
        assertThat(meters.get("caravan.ingest.backlog").tag("source", "s3").gauge().value()).isEqualTo(1);
        assertThat(meters.get("caravan.ingest.backlog").tag("source", "mail").gauge().value()).isZero();
    }

    @Test
    void should_read_the_store_once_per_max_age_whatever_the_number_of_gauges_and_scrapes() {
        // given
        register();

        // when: two scrapes of every gauge within the age, then one after it
        scrapeAll();
        scrapeAll();
        clock.advance(Duration.ofSeconds(11));
        scrapeAll();

        // then
        assertThat(indexReads).hasValue(2);
        assertThat(ledgerReads).hasValue(2);
    }

    @Test
    void should_read_not_a_number_while_the_store_is_unavailable_and_recover() {
        // given
        stats = () -> {
            throw new IndexUnavailableException("the cluster does not answer", null);
        };
        register();

        // when / then
        assertThat(gauge("caravan.index.documents")).isNaN();
        stats = () -> new IndexStats(1, 1, 1, "bge");
        clock.advance(Duration.ofSeconds(10));
        assertThat(gauge("caravan.index.documents")).isEqualTo(1);
    }

    private void register() {
        HybridIndex index = (HybridIndex) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HybridIndex.class}, (proxy, method, args) -> {
                    if (method.getName().equals("stats")) {
                        indexReads.incrementAndGet();
                        return stats.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        DocumentLedger ledger = (DocumentLedger) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DocumentLedger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("countBySourceAndStatus")) {
                        ledgerReads.incrementAndGet();
                        return Map.of(
                                "file", Map.of(DocumentStatus.INDEXED, 4L, DocumentStatus.PENDING, 3L),
                                "s3", Map.of(DocumentStatus.INDEXED, 1L, DocumentStatus.PENDING, 1L));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        StoreGauges.register(meters, index, ledger, Duration.ofSeconds(10), clock);
    }

    private void scrapeAll() {
        meters.getMeters().forEach(meter -> meter.measure().forEach(measurement -> measurement.getValue()));
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
