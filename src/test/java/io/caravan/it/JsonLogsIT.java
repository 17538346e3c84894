package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON log lines (docs/operations.md#logs): a Caravan started with {@code --caravan.log.format=json}, authentication
 * and tracing on, ingests a document and answers a question; every line it writes is a JSON object, the question's one
 * line carries its request id, principal and trace ids, the document's one line its docId, and no line the question.
 */
class JsonLogsIT {

    private static final String QUESTION = "Which island do quokkas live on?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void should_write_every_line_as_json_with_the_request_document_and_trace_ids() throws Exception {
        // given
        Path keys = dir.resolve("keys.json");
        String key = KeysCli.create(keys, "ana", "public", "reader").key();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path log;
        String requestId;
        try (OtlpReceiver receiver = new OtlpReceiver();
             CaravanProcess caravan = CaravanProcess.start("json", Map.of("caravan.log.format", "json",
                     "caravan.data-dir", dir.resolve("data").toString(), "caravan.sources.file.path", inbox.toString(),
                     "caravan.sources.file.poll-interval", "200ms", "caravan.jms.enabled", "false",
                     "caravan.auth.api-keys-file", keys.toString(),
                     "caravan.tracing.otlp-endpoint", receiver.tracesUrl()), dir.resolve("logs"))) {
            log = caravan.log();

            // when a document is indexed and a question answered
            Fixtures.text(inbox.resolve("quokka.txt"), "Quokka\n\nQuokkas live on Rottnest Island near Perth.\n");
            awaitIndexed(caravan, key, "quokka.txt");
            HttpResponse<String> answer = caravan.send(HttpRequest.newBuilder(caravan.uri("/api/ask"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + QUESTION + "\"}")));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            requestId = JSON.readTree(answer.body()).get("requestId").asText();
        }

        // then every line is one JSON object
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode parsed = parse(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            assertThat(line).doesNotContain(QUESTION);
            lines.add(parsed);
        }
        // the question's one line: request id, principal, trace and span ids from the MDC
        List<JsonNode> answered = lines.stream().filter(line -> line.path("logger").asText().equals("caravan.ask"))
                .filter(line -> requestId.equals(line.path("requestId").asText())).toList();
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).path("message").asText()).startsWith("question answered")
                .contains("channel=http", "mode=extractive").containsPattern(" ms=\\d+ ");
        assertThat(answered.get(0).path("principal").asText()).isEqualTo("ana");
        assertThat(answered.get(0).path("trace_id").asText()).matches("[0-9a-f]{32}");
        assertThat(answered.get(0).path("span_id").asText()).matches("[0-9a-f]{16}");
        // the document's one line
        List<JsonNode> indexed = lines.stream().filter(line -> line.path("logger").asText().equals("caravan.ingest"))
                .filter(line -> line.path("message").asText().startsWith("document indexed")).toList();
        assertThat(indexed).hasSize(1);
        assertThat(indexed.get(0).path("docId").asText()).isEqualTo("quokka.txt");
        assertThat(indexed.get(0).path("message").asText()).contains("source=file", "chunks=1")
                .containsPattern(" ms=\\d+ ");
        assertThat(indexed.get(0).path("trace_id").asText()).matches("[0-9a-f]{32}")
                .isNotEqualTo(answered.get(0).path("trace_id").asText());
        // an exchange's ids stay on its own lines: Camel's start and stop lines carry none
        assertThat(lines.stream().filter(line -> line.path("logger").asText().startsWith("org.apache.camel.main")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.has("requestId") || line.has("docId") || line.has("principal"))
                        .as(line.toString()).isFalse());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static void awaitIndexed(CaravanProcess caravan, String key, String docId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> document = caravan.send(HttpRequest.newBuilder(caravan.uri("/api/documents/" + docId))
                    .header("Authorization", "Bearer " + key).GET());
            if (document.statusCode() == 200 && JSON.readTree(document.body()).path("status").asText()
                    .equals("indexed")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError(docId + " not indexed within 120 s");
    }
}
