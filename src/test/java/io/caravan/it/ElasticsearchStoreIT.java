package io.caravan.it;

import static io.caravan.it.FileShareIngestionIT.enc;
import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.embed.EmbeddingModels;
import io.caravan.index.elasticsearch.TestMappings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running application on caravan.store=elasticsearch: files in the share become cited answers. */
class ElasticsearchStoreIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-app-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        node.request("DELETE", alias + "-*", null);
    }

    private Map<String, String> onElasticsearch(Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                // the minimal test node has no language analyzers
                "caravan.index.analyzer", "standard"));
        config.putAll(extra);
        return config;
    }

    @Test
    void should_answer_with_citations_from_files_indexed_into_elasticsearch() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, onElasticsearch(Map.of()));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.pdf(inbox.resolve("reports/volcano.pdf"),
                "The Krakatoa eruption of 1883 was heard 4800 kilometres away.",
                "Volcanic ash from Krakatoa lowered global temperatures for five years.");
        Fixtures.text(inbox.resolve("notes/coffee.md"), "# Coffee\n\n## Brewing\n\n"
                + "Espresso is brewed at nine bars of pressure for about 25 seconds.\n");
        await(indexed, 120);

        // when
        HttpResponse<String> response = caravan.ask("How long did Krakatoa ash lower global temperatures?");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("answer").asText()).contains("five years").containsPattern("\\[1\\]");
        JsonNode first = answer.get("citations").get(0);
        assertThat(first.get("docId").asText()).isEqualTo("reports/volcano.pdf");
        assertThat(first.get("page").asInt()).isEqualTo(2);
        assertThat(json(caravan.get("/api/documents")).get("counts").get("indexed").asInt()).isEqualTo(2);
        JsonNode coffee = json(caravan.get("/api/search?q=" + enc("espresso pressure") + "&k=1")).get("hits").get(0);
        assertThat(coffee.get("docId").asText()).isEqualTo("notes/coffee.md");
        // and the chunks really are in the cluster, behind the configured alias
        JsonNode count = json(node.request("GET", alias + "/_count", null));
        assertThat(count.get("count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(json(caravan.get("/api/health")).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void should_quarantine_a_document_the_cluster_refuses_with_its_reason_and_index_the_rest() throws Exception {
        // given: an index whose mapping takes page numbers as booleans, so a PDF's chunks are refused for good
        String body = TestMappings.indexBodyWithFieldAs(alias, EmbeddingModels.BGE_SMALL_EN_V15_Q, 384, "page",
                "boolean");
        assertThat(node.request("PUT", alias + "-000001", body).statusCode()).isEqualTo(200);
        caravan = RunningCaravan.start(data, inbox, onElasticsearch(Map.of()));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.pdf(inbox.resolve("paged.pdf"), "Pages make this document unindexable here.");
        Fixtures.text(inbox.resolve("plain.md"), "# Plain\n\nMarkdown has no pages, so it is indexed.\n");
        await(done, 120);

        // when
        JsonNode paged = json(caravan.get("/api/documents/paged.pdf"));
        JsonNode plain = json(caravan.get("/api/documents/plain.md"));

        // then
        assertThat(paged.get("status").asText()).isEqualTo("failed");
        assertThat(paged.get("failedStep").asText()).isEqualTo("index");
        assertThat(paged.get("error").asText()).contains("paged.pdf").contains("[page]");
        assertThat(plain.get("status").asText()).isEqualTo("indexed");
        assertThat(json(caravan.get("/api/search?q=" + enc("markdown pages") + "&k=5")).get("hits"))
                .extracting(h -> h.get("docId").asText()).containsExactly("plain.md");
    }

    @Test
    void should_replace_a_changed_file_and_drop_a_deleted_one() throws Exception {
        // given a long document with many chunks
        caravan = RunningCaravan.start(data, inbox, onElasticsearch(Map.of("caravan.chunking.max-tokens", "64")));
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            paragraphs.add("Paragraph " + i + " tells the old story of the lighthouse keeper number " + i + ".");
        }
        NotifyBuilder first = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Path file = Fixtures.text(inbox.resolve("story.txt"), String.join("\n\n", paragraphs));
        await(first, 60);
        assertThat(json(caravan.get("/api/documents/story.txt")).get("chunks").asInt()).isGreaterThan(3);

        // when it shrinks to one short paragraph
        NotifyBuilder second = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Fixtures.text(file, "The new story is about a baker who bakes sourdough at dawn.");
        await(second, 60);

        // then only the new chunk remains, in the API and in the cluster
        JsonNode hits = json(caravan.get("/api/search?q=" + enc("lighthouse keeper story") + "&k=50")).get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("content").asText()).contains("sourdough");
        assertThat(json(node.request("GET", alias + "/_count", null)).get("count").asInt()).isEqualTo(1);

        // when it is deleted through the API
        HttpResponse<String> deleted = caravan.delete("/api/documents/story.txt");

        // then
        assertThat(deleted.statusCode()).isLessThan(300);
        assertThat(json(caravan.get("/api/search?q=" + enc("sourdough baker") + "&k=5")).get("hits")).isEmpty();
        assertThat(json(node.request("GET", alias + "/_count", null)).get("count").asInt()).isZero();
    }
}
