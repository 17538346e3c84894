package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer cache on Elasticsearch, with two instances sharing one alias: the one that ingests and another that
 * only answers. A document re-ingested by the first makes both answer afresh.
 */
class ElasticsearchAnswerCacheIT {

    private static final String QUESTION = "How far away was the Krakatoa eruption heard?";

    @TempDir
    Path temp;
    RunningCaravan writer;
    RunningCaravan reader;

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-cache-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
        node.request("DELETE", alias + "-*", null);
    }

    private RunningCaravan start(String name, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                "caravan.index.analyzer", "standard"));
        config.putAll(extra);
        return RunningCaravan.start(temp.resolve("data-" + name), temp.resolve("inbox-" + name), config);
    }

    @Test
    void should_answer_afresh_on_every_instance_once_the_cited_document_is_re_ingested() throws Exception {
        // given: the writer indexed a document, the reader (no sources) shares its alias
        Path inbox = temp.resolve("inbox-writer");
        Files.createDirectories(inbox);
        writer = start("writer", Map.of());
        NotifyBuilder indexed = writer.notifier().fromRoute("source-file").whenCompleted(1).create();
        Files.writeString(inbox.resolve("volcano.txt"), "The Krakatoa eruption of 1883 was heard 4800 kilometres away.");
        await(indexed, 120);
        reader = start("reader", Map.of("caravan.sources.file.enabled", "false"));

        // when: both ask twice
        JsonNode readerFirst = json(reader.ask(QUESTION));
        JsonNode readerSecond = json(reader.ask(QUESTION));
        json(writer.ask(QUESTION));
        JsonNode writerSecond = json(writer.ask(QUESTION));

        // then: the second answer of each is cached
        assertThat(readerFirst.get("cached").asBoolean()).isFalse();
        assertThat(readerFirst.get("answer").asText()).contains("4800 kilometres");
        assertThat(readerSecond.get("cached").asBoolean()).isTrue();
        assertThat(writerSecond.get("cached").asBoolean()).isTrue();

        // when: the writer re-ingests the document with new content
        NotifyBuilder reindexed = writer.notifier().fromRoute("source-file").whenCompleted(1).create();
        Files.writeString(inbox.resolve("volcano.txt"),
                "The Krakatoa eruption of 1883 was heard 4830 kilometres away, on Rodrigues island.");
        await(reindexed, 120);

        // then: both answer afresh from the new content, the reader without having written anything
        JsonNode readerAfter = json(reader.ask(QUESTION));
        assertThat(readerAfter.get("cached").asBoolean()).isFalse();
        assertThat(readerAfter.get("answer").asText()).contains("4830 kilometres");
        JsonNode writerAfter = json(writer.ask(QUESTION));
        assertThat(writerAfter.get("cached").asBoolean()).isFalse();
        assertThat(writerAfter.get("answer").asText()).contains("4830 kilometres");
    }
}
