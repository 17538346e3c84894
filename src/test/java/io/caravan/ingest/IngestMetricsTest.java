package io.caravan.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(meters);

    @Test
    void should_count_documents_by_source_and_outcome_and_the_chunks_written() {
        // when
        metrics.indexed("file", 4);
        metrics.indexed("file", 2);
        metrics.unchanged("s3");
        metrics.failed("mail");
        metrics.deleted("file", 3);
        metrics.deleted("s3", 0);

        // then
        assertThat(documents("file", "indexed")).isEqualTo(2);
        assertThat(meters.get("caravan.ingest.chunks").tags("source", "file", "outcome", "indexed").counter().count())
                .isEqualTo(6);
        assertThat(documents("s3", "unchanged")).isEqualTo(1);
        assertThat(documents("mail", "failed")).isEqualTo(1);
        assertThat(documents("file", "deleted")).isEqualTo(3);
        assertThat(meters.find("caravan.ingest.documents").tags("source", "s3", "outcome", "deleted").counter())
                .as("a reconciliation that deleted nothing adds no series").isNull();
    }

    @Test
    void should_label_an_unknown_source_other() {
        // when
        metrics.failed(null);

        // then
        assertThat(documents("other", "failed")).isEqualTo(1);
    }

    private double documents(String source, String outcome) {
        return meters.get("caravan.ingest.documents").tags("source", source, "outcome", outcome).counter().count();
    }
}
