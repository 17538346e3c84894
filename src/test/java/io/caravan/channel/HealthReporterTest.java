package io.caravan.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.RecordingHybridIndex;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthReporterTest {

    @TempDir
    Path dataDir;

    private final AtomicBoolean indexUp = new AtomicBoolean(true);
    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private final AtomicBoolean routesStarted = new AtomicBoolean(true);
    private DocumentLedger ledger;
    private HealthReporter health;

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(dataDir);
        RecordingHybridIndex index = new RecordingHybridIndex() {
            @Override
            public boolean isHealthy() {
                return indexUp.get();
            }
        };
        health = new HealthReporter(index, ledger, routesStarted::get,
                Map.<String, BooleanSupplier>of("broker", brokerUp::get), () -> "standalone", "unavailable");
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_be_ready_with_every_check_up_and_nothing_down() {
        // when
        Readiness readiness = health.ready();

        // then
        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.checks()).containsExactly(Map.entry("index", "UP"), Map.entry("ledger", "UP"),
                Map.entry("routes", "UP"), Map.entry("broker", "UP"));
        assertThat(readiness.down()).isEmpty();
    }

    @Test
    void should_name_what_is_down_when_the_index_and_the_broker_are_unreachable() {
        // given
        indexUp.set(false);
        brokerUp.set(false);

        // when
        Readiness readiness = health.ready();

        // then
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.status()).isEqualTo("DOWN");
        assertThat(readiness.down()).containsExactly("index", "broker");
        assertThat(readiness.checks()).containsEntry("index", "DOWN").containsEntry("ledger", "UP");
    }

    @Test
    void should_stay_live_while_every_dependency_is_down() {
        // given: a down Elasticsearch must make the instance unready, never get it restarted
        indexUp.set(false);
        brokerUp.set(false);
        routesStarted.set(false);
        ledger.close();

        // when
        Liveness liveness = health.live();

        // then
        assertThat(liveness.status()).isEqualTo("UP");
        assertThat(health.ready().down()).containsExactly("index", "ledger", "routes", "broker");
    }

    @Test
    void should_report_the_same_readiness_in_the_full_health() {
        // given
        indexUp.set(false);

        // when
        Health report = health.report();

        // then
        assertThat(report.live()).isTrue();
        assertThat(report.ready()).isFalse();
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.checks()).isEqualTo(health.ready().checks());
        assertThat(report.sources()).isEqualTo("standalone");
        // OCR is reported, never a readiness check: an instance without Tesseract serves every other document
        assertThat(report.ocr()).isEqualTo("unavailable");
        assertThat(report.checks()).doesNotContainKey("ocr");
    }
}
