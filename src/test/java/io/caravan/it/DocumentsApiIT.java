package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.caravan.it.FileShareIngestionIT.enc;
import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents listing's paging and filters and the source content endpoint on a real Caravan with
 * authentication on (docs/http-api.md#documents, docs/http-api.md#document-content).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsApiIT {

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private RunningCaravan caravan;
    private String staffReader;
    private String financeReader;
    private Path manual;

    @BeforeAll
    void start() throws Exception {
        Path keyFile = etc.resolve("keys.json");
        staffReader = KeysCli.create(keyFile, "ana", "staff", "reader").key();
        financeReader = KeysCli.create(keyFile, "fin", "finance", "reader").key();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.auth.failure-limit", "1000",
                "caravan.sources.file.acl", "staff"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(8).create();
        // 7 documents that index and 1 that fails
        Files.createDirectories(inbox.resolve("team"));
        for (int i = 1; i <= 6; i++) {
            Fixtures.text(inbox.resolve("team/note-" + i + ".txt"), "Team note number " + i + " about glaciers.");
        }
        manual = Fixtures.pdf(inbox.resolve("Manual.pdf"), "The espresso machine is descaled every month.");
        Fixtures.bytes(inbox.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a PDF\n%%EOF".getBytes());
        await(done, 120);
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void should_page_the_documents_of_one_status_with_counts_over_all() {
        // when: 7 indexed documents, 3 per page
        List<JsonNode> pages = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            pages.add(json(get(staffReader, "/api/documents?status=indexed&size=3&page=" + page)));
        }

        // then
        List<String> docIds = new ArrayList<>();
        for (JsonNode page : pages) {
            assertThat(page.get("total").asInt()).isEqualTo(7);
            assertThat(page.get("size").asInt()).isEqualTo(3);
            assertThat(page.at("/counts/indexed").asInt()).isEqualTo(7);
            assertThat(page.at("/counts/failed").asInt()).isEqualTo(1);
            page.get("documents").forEach(d -> docIds.add(d.get("docId").asText()));
        }
        assertThat(pages).extracting(p -> p.get("documents").size()).containsExactly(3, 3, 1);
        assertThat(docIds).containsExactly("Manual.pdf", "team/note-1.txt", "team/note-2.txt", "team/note-3.txt",
                "team/note-4.txt", "team/note-5.txt", "team/note-6.txt");
        assertThat(pages.get(2).get("page").asInt()).isEqualTo(3);
    }

    @Test
    void should_filter_by_failed_status_and_by_a_case_insensitive_substring() {
        // when
        JsonNode failed = json(get(staffReader, "/api/documents?status=failed"));
        JsonNode notes = json(get(staffReader, "/api/documents?q=NOTE-&size=2"));

        // then
        assertThat(failed.get("total").asInt()).isEqualTo(1);
        assertThat(failed.at("/documents/0/docId").asText()).isEqualTo("broken.pdf");
        assertThat(failed.at("/documents/0/failedStep").asText()).isNotBlank();
        assertThat(notes.get("total").asInt()).isEqualTo(6);
        assertThat(notes.get("documents")).hasSize(2);
    }

    @Test
    void should_list_everything_on_one_page_without_parameters() {
        // when
        JsonNode list = json(get(staffReader, "/api/documents"));

        // then
        assertThat(list.get("documents")).hasSize(8);
        assertThat(list.get("total").asInt()).isEqualTo(8);
        assertThat(list.get("page").asInt()).isEqualTo(1);
        assertThat(list.get("size").asInt()).isEqualTo(50);
    }

    @Test
    void should_answer_400_for_a_bad_page_size_or_status() {
        for (String query : List.of("size=501", "size=0", "page=0", "page=x", "status=done")) {
            // when
            HttpResponse<String> refused = get(staffReader, "/api/documents?" + query);

            // then
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(json(refused).at("/error/code").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    void should_serve_a_pdf_with_its_bytes_and_media_type() throws IOException {
        // when
        HttpResponse<byte[]> response = bytes(staffReader, "/api/documents/Manual.pdf/content");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(manual));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline; filename=\"Manual.pdf\"");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    }

    @Test
    void should_serve_a_document_of_a_folder_by_its_encoded_doc_id() {
        // when
        HttpResponse<byte[]> response = bytes(staffReader, "/api/documents/" + enc("team/note-2.txt") + "/content");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body())).isEqualTo("Team note number 2 about glaciers.");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void should_answer_404_for_the_content_of_a_document_the_caller_may_not_see() {
        // when
        HttpResponse<String> hidden = get(financeReader, "/api/documents/Manual.pdf/content");
        HttpResponse<String> unknown = get(financeReader, "/api/documents/Nothing.pdf/content");
        HttpResponse<String> traversal = get(staffReader, "/api/documents/" + enc("../../etc/passwd") + "/content");
        HttpResponse<String> anonymous = get(null, "/api/documents/Manual.pdf/content");

        // then: as unknown as a document that does not exist
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(json(hidden).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(json(hidden).at("/error/message").asText())
                .isEqualTo(json(unknown).at("/error/message").asText().replace("Nothing", "Manual"));
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(get(financeReader, "/api/documents")).get("total").asInt()).isZero();
    }

    @Test
    void should_serve_the_openapi_description_without_a_credential() {
        // when: it describes endpoints, no document, and other teams generate clients from it
        HttpResponse<String> response = get(null, "/api/openapi.json");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("paths").has("/api/documents")).isTrue();
    }

    private HttpResponse<String> get(String key, String path) {
        var request = caravan.request(path).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return caravan.send(request);
    }

    private HttpResponse<byte[]> bytes(String key, String path) {
        try {
            return HttpClient.newHttpClient().send(caravan.request(path).header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
