package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.index.HybridIndex;
import io.caravan.index.IndexStats;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Stopping or killing Caravan in the middle of an ingestion, then restarting, leaves one copy of every document. */
class CrashRecoveryIT {

    static final int DOCUMENTS = 40;

    @TempDir
    Path data;
    @TempDir
    Path inbox;

    /** Configuration on top of the defaults, for every start of Caravan in this test (the engine, for example). */
    protected Map<String, String> config() {
        return Map.of();
    }

    @Test
    void should_converge_to_one_copy_of_every_document_after_a_stop_in_the_middle_of_ingestion() throws Exception {
        // given an ingestion under way
        writeDocuments("first");
        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, config())) {
            NotifyBuilder some = caravan.notifier().fromRoute("source-file").whenCompleted(5).create();
            await(some, 120);
        } // when stopped mid-way

        // and documents change while it is down
        writeDocuments("second");

        // then a restart converges
        assertConverged("second");
    }

    @Test
    void should_converge_after_the_process_is_killed_in_the_middle_of_ingestion() throws Exception {
        // given a separate Caravan process ingesting
        writeDocuments("first");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DCARAVAN_LOG_LEVEL=INFO", "-cp", System.getProperty("java.class.path"), "io.caravan.Caravan", "ingest", inbox.toString(),
                "--caravan.data-dir=" + data, "--caravan.ingest.concurrency=2"));
        config().forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicInteger indexed = new AtomicInteger();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (indexed.get() < 5 && (line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("document indexed")) {
                    indexed.incrementAndGet();
                }
            }
            // when it dies without any chance to clean up
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(indexed.get()).as("the process indexed some documents before it was killed; it printed:%n%s", output).isEqualTo(5);

        // then a restart converges
        assertConverged("first");
    }

    private void assertConverged(String version) throws Exception {
        RunningCaravan.Started started = RunningCaravan.start(data, inbox, config(),
                notify -> notify.fromRoute("source-file").whenCompleted(DOCUMENTS));
        try (RunningCaravan caravan = started.caravan()) {
            await(started.expectation(), 300);
            JsonNode documents = json(caravan.get("/api/documents")).get("documents");
            assertThat(documents).hasSize(DOCUMENTS);
            int ledgerChunks = 0;
            for (JsonNode d : documents) {
                assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("indexed");
                ledgerChunks += d.get("chunks").asInt();
            }
            HybridIndex index = caravan.context().getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
            IndexStats stats = index.stats();
            assertThat(stats.documents()).isEqualTo(DOCUMENTS);
            assertThat(stats.chunks()).as("no duplicate or stale chunk").isEqualTo(ledgerChunks);
            JsonNode hits = json(caravan.get("/api/search?q=" + FileShareIngestionIT.enc("version " + version
                    + " of document seven") + "&k=3")).get("hits");
            assertThat(hits.get(0).get("docId").asText()).isEqualTo("doc-7.txt");
            assertThat(hits.get(0).get("content").asText()).contains("version " + version);
        }
    }

    private void writeDocuments(String version) throws Exception {
        for (int i = 0; i < DOCUMENTS; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                text.append("This is version ").append(version).append(" of document ").append(number(i))
                        .append(", paragraph ").append(p).append(". It talks about topic ").append(i * 7 + p)
                        .append(" at some length so that the chunker has work to do.\n\n");
            }
            Fixtures.text(inbox.resolve("doc-" + i + ".txt"), text.toString());
        }
    }

    private static String number(int i) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        return i < 10 ? words[i] : Integer.toString(i);
    }
}
