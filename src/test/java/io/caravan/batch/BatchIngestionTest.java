package io.caravan.batch;

import io.caravan.ingest.SourceDocument;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchIngestionTest {

    private final Set<String> workerThreads = ConcurrentHashMap.newKeySet();
    private CamelContext context;

    @BeforeEach
    void startPipeline() throws Exception {
        // given: stand-ins for the ingest routes, which fail documents whose name says so
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(BatchIngestion.INGEST_FILE).process(e -> outcome(e.getMessage().getBody(File.class).getName(), e));
                from(BatchIngestion.INGEST).process(e ->
                        outcome(e.getMessage().getBody(SourceDocument.class).docId(), e));
            }

            private void outcome(String name, org.apache.camel.Exchange exchange) {
                workerThreads.add(Thread.currentThread().getName());
                if (name.startsWith("bad")) {
                    throw new IllegalStateException("cannot parse " + name);
                }
                exchange.setProperty("CaravanOutcome", name.startsWith("same") ? "unchanged" : "indexed");
            }
        });
        context.start();
    }

    @AfterEach
    void stopPipeline() throws Exception {
        context.close();
    }

    @Test
    void should_ingest_every_file_on_named_workers_and_tally_the_outcomes_over_several_batches() throws Exception {
        // given
        Path root = Path.of("/share");
        List<Path> first = List.of(root.resolve("a.txt"), root.resolve("sub/b.txt"), root.resolve("bad.pdf"));
        List<Path> second = List.of(root.resolve("same.txt"), root.resolve("c.txt"));

        // when
        try (BatchIngestion batch = new BatchIngestion(context, 3, "test-ingest-", BatchProgress.none())) {
            batch.ingestFiles(root, first);
            long afterFirst = batch.elapsedNanos();
            batch.ingestFiles(root, second);

            // then
            assertThat(batch.concurrency()).isEqualTo(3);
            assertThat(batch.tally().indexed()).isEqualTo(3);
            assertThat(batch.tally().unchanged()).isEqualTo(1);
            assertThat(batch.tally().failures()).containsOnlyKeys("bad.pdf");
            assertThat(batch.tally().failures().get("bad.pdf")).contains("cannot parse bad.pdf");
            assertThat(batch.elapsedNanos()).isGreaterThan(afterFirst).isGreaterThan(0);
        }
        assertThat(workerThreads).isNotEmpty().allMatch(t -> t.matches("test-ingest-[123]"));
    }

    @Test
    void should_ingest_a_streamed_batch__and_throw_what_the_stream_threw_once_the_sent_ones_finished()
            throws Exception {
        // given: a stream that fails after two documents
        BatchIngestion.DocumentStream failing = sink -> {
            sink.accept(document("d1"));
            sink.accept(document("bad2"));
            throw new IOException("corpus.jsonl: line 3 is not JSON");
        };

        // when
        try (BatchIngestion batch = new BatchIngestion(context, 3, "test-eval-", BatchProgress.none())) {
            assertThatThrownBy(() -> batch.ingestDocuments(failing)).isInstanceOf(IOException.class)
                    .hasMessageContaining("line 3");

            // then: the two documents sent before it were finished and counted
            assertThat(batch.tally().indexed()).isEqualTo(1);
            assertThat(batch.tally().failures()).containsOnlyKeys("bad2");
        }
    }

    private static SourceDocument document(String id) {
        byte[] content = ("text of " + id).getBytes();
        return new SourceDocument(id, "test", id + ".txt", content, "hash-" + id, List.of("public"), Instant.EPOCH);
    }
}
