package io.caravan.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import io.caravan.index.DocumentRejectedException;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.HybridIndexContract;
import io.caravan.index.SearchMode;
import io.caravan.it.ElasticsearchNode;
import io.caravan.it.RunningCaravan;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract suite on a real Elasticsearch node (the test harness's), each test on its own alias, plus what only
 * this engine shows: the versioned index and its mapping, refused items, and the repair of torn documents.
 */
class ElasticsearchHybridIndexIT extends HybridIndexContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-it-" + TESTS.incrementAndGet() + "-" + UUID.randomUUID().toString()
            .substring(0, 8);

    @Override
    protected HybridIndex newIndex(String embeddingModel, int dimensions) {
        return open(embeddingModel, dimensions);
    }

    @Override
    protected HybridIndex reopen(String embeddingModel, int dimensions) {
        return open(embeddingModel, dimensions);
    }

    private ElasticsearchHybridIndex open(String embeddingModel, int dimensions) {
        RestClient rest = ElasticsearchConnection.to(node.url().toString(), Duration.ofSeconds(30)).openRestClient();
        return new ElasticsearchHybridIndex(ElasticsearchConnection.apiClient(rest, JSON), rest, alias,
                embeddingModel, dimensions, ElasticsearchIndexOptions.defaults());
    }

    @AfterEach
    void deleteIndices() {
        node.request("DELETE", alias + "-*", null);
    }

    @Test
    void should_create_a_versioned_index_behind_the_alias_with_the_chunk_mapping() {
        // when
        try (ElasticsearchHybridIndex index = open(MODEL, DIMENSIONS)) {

            // then
            assertThat(index.indexName()).isEqualTo(alias + "-000001");
            JsonNode aliases = json(node.request("GET", "_alias/" + alias, null));
            assertThat(aliases.fieldNames()).toIterable().containsExactly(alias + "-000001");
            JsonNode mapping = json(node.request("GET", alias + "/_mapping", null))
                    .path(alias + "-000001").path("mappings");
            assertThat(mapping.path("_meta").path("caravan_embedding_model").asText()).isEqualTo(MODEL);
            assertThat(mapping.path("_meta").path("caravan_dimensions").asInt()).isEqualTo(DIMENSIONS);
            JsonNode properties = mapping.path("properties");
            assertThat(properties.path("content").path("analyzer").asText()).isEqualTo("standard");
            assertThat(properties.path("embedding").path("type").asText()).isEqualTo("dense_vector");
            assertThat(properties.path("embedding").path("dims").asInt()).isEqualTo(DIMENSIONS);
            assertThat(properties.path("embedding").path("similarity").asText()).isEqualTo("cosine");
            assertThat(properties.path("embedding").path("index_options").path("type").asText()).isEqualTo("hnsw");
            for (String keyword : List.of("doc_id", "source", "mime_type", "acl", "title", "section")) {
                assertThat(properties.path(keyword).path("type").asText()).as(keyword).isEqualTo("keyword");
            }
            JsonNode settings = json(node.request("GET", alias + "/_settings", null))
                    .path(alias + "-000001").path("settings").path("index");
            assertThat(settings.path("refresh_interval").asText()).isEqualTo("-1");
        }
    }

    @Test
    void should_give_an_empty_index_of_another_model_a_new_version() {
        // given: an empty index made for the test model
        open(MODEL, DIMENSIONS).close();

        // when: it is opened for a model with other dimensions
        try (ElasticsearchHybridIndex other = open("wider-model", 8)) {

            // then: the alias points at a fresh index with the new mapping, the old one is gone
            assertThat(other.indexName()).isEqualTo(alias + "-000002");
            other.upsert(new DocumentChunks("w", "h", List.of(new Chunk("w#0", "w", "file", "", "wide", "", null, 0,
                    "h", "text/plain", List.of("public"), null, null, new float[] {1, 0, 0, 0, 0, 0, 0, 0},
                    "wider-model"))));
            assertThat(other.stats().chunks()).isEqualTo(1);
            assertThat(node.request("GET", alias + "-000001", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void should_refuse_a_document_the_mapping_rejects_and_keep_its_previous_version() {
        // given: a document indexed once
        try (ElasticsearchHybridIndex index = open(MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-v1", List.of("public"), "first version", 2));

            // when: its new version has a chunk Elasticsearch refuses (cosine of a zero vector is undefined)
            Chunk good = new Chunk("doc.md#0", "doc.md", "file", "", "second version", "", null, 0, "hash-v2",
                    "text/plain", List.of("public"), null, null, NORTH, MODEL);
            Chunk refused = new Chunk("doc.md#1", "doc.md", "file", "", "second version", "", null, 1, "hash-v2",
                    "text/plain", List.of("public"), null, null, new float[] {0, 0, 0, 0}, MODEL);

            // then: a typed, permanent failure with Elasticsearch's reason
            assertThatThrownBy(() -> index.upsert(new DocumentChunks("doc.md", "hash-v2", List.of(good, refused))))
                    .isInstanceOf(DocumentRejectedException.class)
                    .hasMessageContaining("doc.md")
                    .hasMessageContaining("magnitude");
            // and the previous version is whole and alone
            List<Hit> hits = index.search(request(SearchMode.BM25, "version", null, PUBLIC, 50));
            assertThat(chunkIds(hits)).containsExactlyInAnyOrder("doc.md#0", "doc.md#1");
            assertThat(hits).allSatisfy(h -> assertThat(h.chunk().content()).startsWith("first version"));
            assertThat(index.documentHashes()).containsExactly(Map.entry("doc.md", "hash-v1"));
            assertThat(index.stats().chunks()).isEqualTo(2);
            // and the index keeps working
            index.upsert(document("doc.md", "hash-v3", List.of("public"), "third version", 1));
            assertThat(index.documentHashes()).containsExactly(Map.entry("doc.md", "hash-v3"));
        }
    }

    @Test
    void should_leave_the_previous_version_whole_when_a_write_fails_and_write_again_once_it_can() {
        // given: a document indexed once, then the index blocked for writes
        try (ElasticsearchHybridIndex index = open(MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-v1", List.of("public"), "first version", 3));
            setWriteBlock(true);

            // when: a new version cannot be written
            assertThatThrownBy(() -> index.upsert(document("doc.md", "hash-v2", List.of("public"), "second version",
                    2))).isInstanceOf(io.caravan.index.IndexUnavailableException.class)
                    .hasMessageContaining("403");

            // then: readers still see the whole first version
            assertThat(chunkIds(index.search(request(SearchMode.BM25, "version", null, PUBLIC, 50))))
                    .containsExactlyInAnyOrder("doc.md#0", "doc.md#1", "doc.md#2");

            // and once the block is lifted the next write lands alone
            setWriteBlock(false);
            index.upsert(document("doc.md", "hash-v3", List.of("public"), "third version", 2));
            List<Hit> hits = index.search(request(SearchMode.BM25, "version", null, PUBLIC, 50));
            assertThat(chunkIds(hits)).containsExactlyInAnyOrder("doc.md#0", "doc.md#1");
            assertThat(hits).allSatisfy(h -> assertThat(h.chunk().content()).startsWith("third version"));
            assertThat(index.stats().chunks()).isEqualTo(2);
        }
    }

    private void setWriteBlock(boolean blocked) {
        HttpResponse<String> response = node.request("PUT", alias + "/_settings",
                "{\"index.blocks.write\": " + blocked + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void should_keep_the_old_version_when_a_crash_left_the_new_one_incomplete() {
        // given: version 1 (3 chunks) is indexed
        open(MODEL, DIMENSIONS).close();
        try (ElasticsearchHybridIndex index = open(MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-old", List.of("public"), "old text", 3));
        }
        // and a crash interrupted the write of version 2 (5 chunks) after 2 chunks, before any delete
        writeRawChunks("doc.md", "hash-new", "new text", 9_000_000_000_000_000L, 5, 2);

        // when
        try (ElasticsearchHybridIndex recovered = open(MODEL, DIMENSIONS)) {

            // then: the document is fully old
            List<Hit> hits = recovered.search(request(SearchMode.BM25, "text", null, PUBLIC, 50));
            assertThat(hits).hasSize(3).allSatisfy(h -> assertThat(h.chunk().content()).startsWith("old text"));
            assertThat(recovered.documentHashes()).containsExactly(Map.entry("doc.md", "hash-old"));
        }
    }

    @Test
    void should_keep_the_new_version_when_a_crash_came_before_the_old_one_was_deleted() {
        // given: version 1 (3 chunks) is indexed, and version 2 (2 chunks) was fully written before a crash
        try (ElasticsearchHybridIndex index = open(MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-old", List.of("public"), "old text", 3));
            index.upsert(document("fresh.md", "hash-fresh", List.of("public"), "lone text", 2));
        }
        writeRawChunks("doc.md", "hash-new", "new text", 9_000_000_000_000_000L, 2, 2);
        // and a brand-new document got only 1 of its 4 chunks
        writeRawChunks("torn.md", "hash-torn", "torn text", 9_000_000_000_000_001L, 4, 1);

        // when
        try (ElasticsearchHybridIndex recovered = open(MODEL, DIMENSIONS)) {

            // then: exactly one complete version of each document, nothing of the torn one
            List<Hit> hits = recovered.search(request(SearchMode.BM25, "text", null, PUBLIC, 50));
            assertThat(chunkIds(hits)).containsExactlyInAnyOrder("doc.md#0", "doc.md#1", "fresh.md#0", "fresh.md#1");
            assertThat(hits).filteredOn(h -> h.chunk().docId().equals("doc.md"))
                    .allSatisfy(h -> assertThat(h.chunk().content()).startsWith("new text"));
            assertThat(recovered.documentHashes()).containsOnly(Map.entry("doc.md", "hash-new"),
                    Map.entry("fresh.md", "hash-fresh"));
        }
    }

    /** Writes {@code written} of the {@code total} chunks of one revision straight into the index, as a crash would. */
    private void writeRawChunks(String docId, String hash, String content, long revision, int total, int written) {
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < written; n++) {
            Chunk chunk = new Chunk(Chunk.idOf(docId, n), docId, "file", "", content + " " + n, "", null, n, hash,
                    "text/plain", List.of("public"), null, null, n % 2 == 0 ? NORTH : EAST, MODEL);
            try {
                bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", alias,
                        "_id", ChunkSources.documentId(docId, n, revision), "routing", docId)))).append('\n');
                bulk.append(JSON.writeValueAsString(ChunkSources.toSource(chunk, hash, revision, total))).append('\n');
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        HttpResponse<String> response = node.request("POST", "_bulk", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("errors").asBoolean()).as(response.body()).isFalse();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return RunningCaravan.json(response);
    }
}
