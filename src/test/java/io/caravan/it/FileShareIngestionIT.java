package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Documents dropped into the share become cited answers over HTTP; changes and deletions follow the share. */
class FileShareIngestionIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void should_answer_with_cited_pages_after_pdf_docx_and_markdown_are_dropped() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, Map.of());
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(3).create();
        Fixtures.pdf(inbox.resolve("reports/volcano.pdf"),
                "The Krakatoa eruption of 1883 was heard 4800 kilometres away.",
                "Volcanic ash from Krakatoa lowered global temperatures for five years.");
        Fixtures.docx(inbox.resolve("handbook.docx"), "Employees receive 25 days of paid vacation per year.",
                "Vacation requests go to the team lead two weeks ahead.");
        Fixtures.text(inbox.resolve("notes/coffee.md"), "# Coffee\n\n## Brewing\n\n"
                + "Espresso is brewed at nine bars of pressure for about 25 seconds.\n");
        await(indexed, 120);

        // when
        HttpResponse<String> response = caravan.ask("How long did Krakatoa ash lower global temperatures?");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("mode").asText()).isEqualTo("extractive");
        assertThat(answer.get("answer").asText()).contains("five years").containsPattern("\\[1\\]");
        JsonNode first = answer.get("citations").get(0);
        assertThat(first.get("n").asInt()).isEqualTo(1);
        assertThat(first.get("docId").asText()).isEqualTo("reports/volcano.pdf");
        assertThat(first.get("page").asInt()).isEqualTo(2);
        assertThat(answer.get("requestId").asText()).isNotBlank();
        assertThat(answer.get("cached").asBoolean()).isFalse();
        assertThat(answer.get("timings").has("retrieve")).isTrue();
        assertThat(answer.get("timings").has("rerank")).isTrue();

        JsonNode list = json(caravan.get("/api/documents"));
        assertThat(list.get("counts").get("indexed").asInt()).isEqualTo(3);
        JsonNode documents = list.get("documents");
        assertThat(documents).hasSize(3);
        documents.forEach(d -> assertThat(d.get("status").asText()).isEqualTo("indexed"));

        JsonNode hits = json(caravan.get("/api/search?q=" + enc("vacation days") + "&k=3")).get("hits");
        assertThat(hits.get(0).get("docId").asText()).isEqualTo("handbook.docx");
        JsonNode coffee = json(caravan.get("/api/search?q=" + enc("espresso pressure") + "&k=1")).get("hits").get(0);
        assertThat(coffee.get("docId").asText()).isEqualTo("notes/coffee.md");
    }

    @Test
    void should_replace_all_chunks_when_a_file_changes_and_drop_them_when_it_is_deleted() throws Exception {
        // given a long document with many chunks
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.chunking.max-tokens", "64",
                "caravan.chunking.overlap-tokens", "0"));
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            paragraphs.add("Paragraph " + i + " tells the old story of the lighthouse keeper number " + i + ".");
        }
        NotifyBuilder first = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Path file = Fixtures.text(inbox.resolve("story.txt"), String.join("\n\n", paragraphs));
        await(first, 60);
        int oldChunks = json(caravan.get("/api/documents/story.txt")).get("chunks").asInt();
        assertThat(oldChunks).isGreaterThan(3);

        // when it shrinks to one short paragraph
        NotifyBuilder second = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Fixtures.text(file, "The new story is about a baker who bakes sourdough at dawn.");
        await(second, 60);

        // then only the new chunk remains
        JsonNode record = json(caravan.get("/api/documents/story.txt"));
        assertThat(record.get("chunks").asInt()).isEqualTo(1);
        JsonNode hits = json(caravan.get("/api/search?q=" + enc("lighthouse keeper story") + "&k=50")).get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("content").asText()).contains("sourdough");

        // when the file is deleted
        Files.delete(file);
        NotifyBuilder reconciled = caravan.notifier().fromRoute("source-file-reconcile").whenCompleted(2).create();
        await(reconciled, 30);

        // then
        assertThat(json(caravan.get("/api/documents/story.txt")).get("status").asText()).isEqualTo("deleted");
        assertThat(json(caravan.get("/api/search?q=" + enc("sourdough baker") + "&k=5")).get("hits")).isEmpty();
    }

    @Test
    void should_quarantine_corrupt_and_oversized_files_and_keep_indexing_the_rest() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.ingest.max-file-size", "64KB"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(3).create();

        // when
        Fixtures.bytes(inbox.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a PDF\n%%EOF".getBytes());
        Fixtures.bytes(inbox.resolve("huge.txt"), new byte[100 * 1024]);
        Fixtures.text(inbox.resolve("fine.txt"), "Glaciers store about 69 percent of the world's fresh water.");
        await(done, 60);

        // then
        JsonNode broken = json(caravan.get("/api/documents/broken.pdf"));
        assertThat(broken.get("status").asText()).isEqualTo("failed");
        assertThat(broken.get("error").asText()).isNotBlank().doesNotContain("Exception:");
        JsonNode huge = json(caravan.get("/api/documents/huge.txt"));
        assertThat(huge.get("status").asText()).isEqualTo("failed");
        assertThat(huge.get("error").asText()).contains("over the limit").contains("caravan.ingest.max-file-size");
        assertThat(huge.get("failedStep").asText()).isEqualTo("read");
        assertThat(json(caravan.get("/api/documents/fine.txt")).get("status").asText()).isEqualTo("indexed");
        assertThat(Files.exists(inbox.resolve("broken.pdf"))).as("nothing is deleted").isTrue();
        assertThat(caravan.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void should_move_files_to_done_or_error_in_drop_box_mode_only_after_indexing() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.sources.file.mirror", "false"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(2).create();

        // when
        Fixtures.text(inbox.resolve("team/memo.txt"), "The quarterly review moves to Thursday at ten.");
        Fixtures.bytes(inbox.resolve("team/bad.pdf"), "%PDF-1.4\n1 0 obj broken beyond repair".getBytes());
        await(done, 60);

        // then
        assertThat(inbox.resolve(".done/team/memo.txt")).exists();
        assertThat(inbox.resolve(".error/team/bad.pdf")).exists();
        assertThat(inbox.resolve("team/memo.txt")).doesNotExist();
        assertThat(json(caravan.get("/api/documents/" + enc("team/memo.txt"))).get("status").asText())
                .isEqualTo("indexed");
        JsonNode hits = json(caravan.get("/api/search?q=" + enc("quarterly review") + "&k=1")).get("hits");
        assertThat(hits.get(0).get("docId").asText()).isEqualTo("team/memo.txt");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
