package io.caravan.batch;

import io.caravan.config.StageTimings;
import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestTallyTest {

    private static final CamelContext CONTEXT = new DefaultCamelContext();

    @AfterAll
    static void close() throws Exception {
        CONTEXT.close();
    }

    @Test
    void should_count_each_outcome_with_chunks_reasons_and_step_times() {
        // given
        IngestTally tally = new IngestTally();

        // when
        tally.record("a.txt", indexed("a.txt", 3, Map.of("embed", 40L, "index", 10L)));
        tally.record("b.txt", indexed("b.txt", 2, Map.of("embed", 20L)));
        tally.record("c.txt", outcome("unchanged"));
        Exchange failed = outcome("failed");
        failed.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("not a PDF"));
        tally.record("d.pdf", failed);
        tally.failed("e.txt", new RuntimeException("cannot read"));

        // then
        assertThat(tally.indexed()).isEqualTo(2);
        assertThat(tally.chunks()).isEqualTo(5);
        assertThat(tally.unchanged()).isEqualTo(1);
        assertThat(tally.failures()).containsExactly(Map.entry("d.pdf", "not a PDF"), Map.entry("e.txt", "cannot read"));
        assertThat(tally.stepMillis()).containsExactly(Map.entry("embed", 60L), Map.entry("index", 10L));
    }

    private static Exchange outcome(String outcome) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.setProperty("CaravanOutcome", outcome);
        return exchange;
    }

    private static Exchange indexed(String docId, int chunks, Map<String, Long> timings) {
        Exchange exchange = outcome("indexed");
        List<Chunk> list = java.util.stream.IntStream.range(0, chunks).mapToObj(i -> new Chunk(Chunk.idOf(docId, i),
                docId, "file", "t", "text " + i, "", null, i, "h", "text/plain", List.of("public"), Instant.EPOCH,
                Instant.EPOCH, new float[]{1f}, "m")).toList();
        exchange.getMessage().setBody(new DocumentChunks(docId, "h", list));
        exchange.setProperty(StageTimings.PROPERTY, timings);
        return exchange;
    }
}
