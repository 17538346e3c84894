package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static io.caravan.it.FileShareIngestionIT.enc;
import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API's contract: JSON errors with the right status, uploads, deletes, health. */
class HttpApiIT {

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        caravan = RunningCaravan.start(data, inbox, Map.of());
    }

    @AfterAll
    static void stop() {
        caravan.close();
    }

    @Test
    void should_answer_400_for_malformed_json() {
        assertError(caravan.post("/api/ask", "application/json", "{\"question\": "), 400, "bad_request");
    }

    @Test
    void should_answer_400_for_an_empty_or_missing_question() {
        assertError(caravan.post("/api/ask", "application/json", "{\"question\": \"   \"}"), 400, "bad_request");
        assertError(caravan.post("/api/ask", "application/json", "{\"sessionId\": \"s\"}"), 400, "bad_request");
        assertError(caravan.post("/api/ask", "application/json", "[1,2]"), 400, "bad_request");
    }

    @Test
    void should_answer_400_for_unknown_filters_and_bad_topk() {
        assertError(caravan.post("/api/ask", "application/json",
                "{\"question\": \"q\", \"filters\": {\"password\": \"x\"}}"), 400, "bad_request");
        assertError(caravan.post("/api/ask", "application/json", "{\"question\": \"q\", \"topK\": 0}"), 400,
                "bad_request");
        assertError(caravan.get("/api/search?q=x&k=abc"), 400, "bad_request");
        assertError(caravan.get("/api/search"), 400, "bad_request");
    }

    @Test
    void should_answer_413_for_a_too_large_request() {
        String big = "{\"question\": \"" + "a".repeat(70_000) + "\"}";
        assertError(caravan.post("/api/ask", "application/json", big), 413, "payload_too_large");
    }

    @Test
    void should_stream_an_extractive_answer_as_one_token_then_done() {
        // when
        HttpResponse<String> response = caravan.askStreaming("What is in the index?");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        var events = RunningCaravan.events(response);
        assertThat(events).extracting(RunningCaravan.Event::name).containsExactly("token", "done");
        JsonNode done = events.get(1).data();
        assertThat(done.get("mode").asText()).isEqualTo("extractive");
        assertThat(done.get("degraded").asBoolean()).isFalse();
        assertThat(done.get("requestId").asText()).isNotBlank();
        assertThat(events.get(0).data().get("text").asText()).isEqualTo(done.get("answer").asText());
    }

    @Test
    void should_answer_415_for_a_non_json_question() {
        assertError(caravan.post("/api/ask", "text/plain", "what is this?"), 415, "unsupported_media_type");
    }

    @Test
    void should_answer_404_for_an_unknown_document() {
        assertError(caravan.get("/api/documents/no-such-file.pdf"), 404, "not_found");
        assertError(caravan.delete("/api/documents/no-such-file.pdf"), 404, "not_found");
    }

    @Test
    void should_report_health_up() {
        HttpResponse<String> health = caravan.get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("checks").get("index").asText()).isEqualTo("UP");
    }

    @Test
    void should_index_an_upload_then_delete_it() {
        // given
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();

        // when
        HttpResponse<String> upload = caravan.post("/api/documents?name=" + enc("Penguin facts.txt"),
                "application/octet-stream",
                "Emperor penguins dive deeper than 500 metres.".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(upload.statusCode()).isEqualTo(202);
        String docId = json(upload).get("docId").asText();
        assertThat(docId).isEqualTo("uploads/Penguin facts.txt");
        await(indexed, 60);
        assertThat(json(caravan.get("/api/documents/" + enc(docId))).get("status").asText()).isEqualTo("indexed");
        JsonNode answer = json(caravan.ask("How deep do emperor penguins dive?"));
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo(docId);

        // when
        HttpResponse<String> deleted = caravan.delete("/api/documents/" + enc(docId));

        // then
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("status").asText()).isEqualTo("deleted");
        assertThat(json(caravan.get("/api/search?q=penguins&k=5")).get("hits")).isEmpty();
    }

    @Test
    void should_reject_an_unsafe_upload_name() {
        assertError(caravan.post("/api/documents?name=" + enc("../../etc/passwd"), "application/octet-stream",
                "x".getBytes(StandardCharsets.UTF_8)), 400, "bad_request");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").get("message").asText()).isNotBlank();
        assertThat(body.get("requestId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
