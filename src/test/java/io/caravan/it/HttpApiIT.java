package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caravan.ingest.ContentHash;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
    @TempDir
    static Path work;
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
    void should_describe_the_rest_endpoints_in_openapi() {
        // when
        HttpResponse<String> response = caravan.get("/api/openapi.json");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode openapi = json(response);
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.at("/info/title").asText()).isEqualTo("Caravan HTTP API");
        assertThat(openapi.get("paths").has("/api/ask")).isTrue();
        assertThat(openapi.get("paths").has("/api/documents")).isTrue();
        assertThat(openapi.get("paths").has("/api/documents/{docId}/content")).isTrue();
    }

    @Test
    void should_serve_the_web_page_with_headers_that_keep_it_to_itself() {
        // when
        HttpResponse<String> page = caravan.get("/");
        HttpResponse<String> script = caravan.get("/ui/ask.js");

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"ui/caravan.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    }

    @Test
    void should_answer_404_for_a_file_the_page_does_not_have() {
        assertError(caravan.get("/ui/logback.xml"), 404, "not_found");
        assertError(caravan.get("/ui/..%2Fapplication.properties"), 404, "not_found");
    }

    @Test
    void should_say_authentication_is_off_on_api_me() {
        // when
        JsonNode me = json(caravan.get("/api/me"));

        // then
        assertThat(me.get("authentication").asBoolean()).isFalse();
        assertThat(me.get("principal").isNull()).isTrue();
        assertThat(me.get("mayManage").asBoolean()).isTrue();
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
        assertThat(answer.get("citations").get(0).get("quote").asText())
                .isEqualTo("Emperor penguins dive deeper than 500 metres.");

        // when
        HttpResponse<String> deleted = caravan.delete("/api/documents/" + enc(docId));

        // then
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("status").asText()).isEqualTo("deleted");
        assertThat(json(caravan.get("/api/search?q=penguins&k=5")).get("hits")).isEmpty();
    }

    @Test
    void should_ingest_the_readme_curl_upload_unchanged_although_curl_sends_it_as_a_form() throws Exception {
        // given: a PDF named as in the README
        Path report = Fixtures.pdf(work.resolve("report.pdf"), "Narwhal tusks grow up to three metres long.");
        NotifyBuilder indexed = ingested("uploads/report.pdf");

        // when: the README's own command (plus -v, which only adds the exchange to stderr)
        Curl upload = curl("-s", "-X", "POST", "--data-binary", "@report.pdf",
                caravan.url("/api/documents?name=report.pdf"), "-v");

        // then: curl sent a form Content-Type, and the upload took the bytes as they are
        assertThat(upload.trace()).contains("Content-Type: application/x-www-form-urlencoded")
                .contains("< HTTP/1.1 202");
        assertThat(upload.output()).isEqualTo("{\"docId\":\"uploads/report.pdf\"}");
        assertStoredUnchanged("report.pdf", Files.readAllBytes(report));
        await(indexed, 60);
        assertThat(json(caravan.get("/api/documents/" + enc("uploads/report.pdf"))).get("status").asText())
                .isEqualTo("indexed");
        JsonNode hit = json(caravan.get("/api/search?q=" + enc("narwhal tusks") + "&k=1")).get("hits").get(0);
        assertThat(hit.get("docId").asText()).isEqualTo("uploads/report.pdf");
        assertThat(hit.get("content").asText()).contains("Narwhal tusks grow up to three metres long.");
        // the other tests' searches expect an index without this document
        assertThat(caravan.delete("/api/documents/" + enc("uploads/report.pdf")).statusCode()).isEqualTo(200);
    }

    @Test
    void should_ingest_a_curl_upload_with_a_binary_content_type_unchanged() throws Exception {
        // given
        Path manual = Fixtures.pdf(work.resolve("manual.pdf"), "The kiln is fired at 1280 degrees for stoneware.");
        NotifyBuilder indexed = ingested("uploads/manual.pdf");

        // when
        Curl upload = curl("-s", "-X", "POST", "-H", "Content-Type: application/octet-stream", "--data-binary",
                "@manual.pdf", caravan.url("/api/documents?name=manual.pdf"), "-v");

        // then
        assertThat(upload.trace()).contains("Content-Type: application/octet-stream").contains("< HTTP/1.1 202");
        assertThat(upload.output()).isEqualTo("{\"docId\":\"uploads/manual.pdf\"}");
        assertStoredUnchanged("manual.pdf", Files.readAllBytes(manual));
        await(indexed, 60);
        JsonNode hit = json(caravan.get("/api/search?q=" + enc("kiln stoneware") + "&k=1")).get("hits").get(0);
        assertThat(hit.get("docId").asText()).isEqualTo("uploads/manual.pdf");
        assertThat(hit.get("content").asText()).contains("The kiln is fired at 1280 degrees for stoneware.");
        // the other tests' searches expect an index without this document
        assertThat(caravan.delete("/api/documents/" + enc("uploads/manual.pdf")).statusCode()).isEqualTo(200);
    }

    @Test
    void should_take_a_large_form_encoded_curl_upload_byte_for_byte_after_100_continue() throws Exception {
        // given: 3 MB that no form decoder survives (%, &, =, NUL and every other byte value); curl asks
        // "Expect: 100-continue" before a body this large
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(14).nextBytes(content);
        System.arraycopy("%zz&a=b+c".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
        Files.write(work.resolve("large.bin"), content);
        NotifyBuilder done = caravan.notifier().fromRoute("source-file")
                .filter(exchange -> "uploads/large.bin".equals(exchange.getProperty("CaravanDocId"))).whenDone(1)
                .create();

        // when
        Curl upload = curl("-s", "-X", "POST", "--data-binary", "@large.bin",
                caravan.url("/api/documents?name=large.bin"), "-v");

        // then
        assertThat(upload.trace()).contains("Content-Type: application/x-www-form-urlencoded")
                .contains("< HTTP/1.1 100 Continue").contains("< HTTP/1.1 202");
        assertThat(upload.output()).isEqualTo("{\"docId\":\"uploads/large.bin\"}");
        assertStoredUnchanged("large.bin", content);
        // the file route's outcome (not a document it can parse) must not spill into the other tests
        await(done, 60);
    }

    @Test
    void should_answer_413_json_for_an_upload_over_the_size_limit_without_reading_it_all() throws Exception {
        // given: more than caravan.ingest.max-file-size (50 MB)
        Path huge = work.resolve("huge.bin");
        try (var out = Files.newOutputStream(huge)) {
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i < 51; i++) {
                out.write(block);
            }
        }

        // when
        Curl upload = curl("-s", "-X", "POST", "--data-binary", "@huge.bin",
                caravan.url("/api/documents?name=huge.bin"), "-v");

        // then
        assertThat(upload.trace()).contains("< HTTP/1.1 413");
        JsonNode error = JSON_READER.readTree(upload.output());
        assertThat(error.get("error").get("code").asText()).isEqualTo("payload_too_large");
        assertThat(inbox.resolve("uploads").resolve("huge.bin")).doesNotExist();
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** What curl printed: the response body on stdout, the request and response headers (-v) on stderr. */
    private record Curl(String output, String trace) {
    }

    /** Runs the curl CLI in the test's work folder (where the files to upload are), failing if it fails. */
    private static Curl curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl"));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(work, "curl", ".out");
        Path stderr = Files.createTempFile(work, "curl", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("the upload tests run the curl CLI, as the README does, and there is none on"
                    + " PATH: install it (apt-get install curl; .ci/run does)", e);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("curl finished").isTrue();
        Curl result = new Curl(Files.readString(stdout), Files.readString(stderr));
        assertThat(process.exitValue()).as(result.trace()).isZero();
        return result;
    }

    /** Completes once the file route has ingested {@code docId}. */
    private static NotifyBuilder ingested(String docId) {
        return caravan.notifier().fromRoute("source-file")
                .filter(exchange -> docId.equals(exchange.getProperty("CaravanDocId"))).whenCompleted(1).create();
    }

    private static void assertStoredUnchanged(String name, byte[] sent) throws IOException {
        assertThat(Files.readAllBytes(inbox.resolve("uploads").resolve(name))).isEqualTo(sent);
        JsonNode record = json(caravan.get("/api/documents/" + enc("uploads/" + name)));
        assertThat(record.get("docId").asText()).isEqualTo("uploads/" + name);
        assertThat(record.get("contentHash").asText()).isEqualTo(ContentHash.of(sent));
    }
}
