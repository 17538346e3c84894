package io.caravan.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link HybridIndex} engine must show, run against each engine by a subclass.
 * Vectors have 4 dimensions and are hand-made unit vectors, so nearest neighbours are known exactly.
 */
public abstract class HybridIndexContract {

    protected static final String MODEL = "test-model";
    protected static final int DIMENSIONS = 4;
    protected static final Set<String> PUBLIC = Set.of("public");

    protected static final float[] NORTH = {1, 0, 0, 0};
    protected static final float[] EAST = {0, 1, 0, 0};
    protected static final float[] UP = {0, 0, 1, 0};
    protected static final float[] NORTH_EAST = normalise(1, 1, 0, 0);
    protected static final float[] MOSTLY_NORTH = normalise(0.9f, 0.1f, 0, 0);

    private final List<HybridIndex> opened = new ArrayList<>();

    /** A fresh, empty index of this engine; the contract closes it after the test. */
    protected abstract HybridIndex newIndex(String embeddingModel, int dimensions);

    /**
     * The store behind the last {@link #newIndex} opened again with another configuration, as after a restart.
     * The test has closed the previous instance before calling this.
     */
    protected abstract HybridIndex reopen(String embeddingModel, int dimensions);

    @AfterEach
    void closeIndexes() {
        opened.forEach(HybridIndex::close);
    }

    private HybridIndex index() {
        return track(newIndex(MODEL, DIMENSIONS));
    }

    private HybridIndex track(HybridIndex index) {
        opened.add(index);
        return index;
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void should_find_an_upserted_chunk_in_every_mode(SearchMode mode) {
        // given
        HybridIndex index = index();
        index.upsert(document("docs/lighthouse.md", List.of("public"),
                "The lighthouse keeper climbs the tower at dusk", NORTH));
        index.upsert(document("docs/bakery.md", List.of("public"), "Fresh bread is baked before sunrise", EAST));

        // when
        List<Hit> hits = index.search(request(mode, "lighthouse keeper", NORTH, PUBLIC));

        // then
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).chunk().chunkId()).isEqualTo("docs/lighthouse.md#0");
    }

    @Test
    void should_rank_by_vector_similarity_in_dense_mode() {
        // given
        HybridIndex index = index();
        index.upsert(document("a", List.of("public"), "alpha", NORTH));
        index.upsert(document("b", List.of("public"), "beta", NORTH_EAST));
        index.upsert(document("c", List.of("public"), "gamma", UP));

        // when
        List<Hit> hits = index.search(request(SearchMode.DENSE, null, MOSTLY_NORTH, PUBLIC));

        // then: cos(north) = 0.99 > cos(north-east) = 0.78 > cos(up) = 0
        assertThat(chunkIds(hits)).containsExactly("a#0", "b#0", "c#0");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void should_fuse_both_lists_in_hybrid_mode() {
        // given: "text" matches by words only, "vector" by direction only
        HybridIndex index = index();
        index.upsert(document("text", List.of("public"), "harbour tides and moorings", UP));
        index.upsert(document("vector", List.of("public"), "unrelated words entirely", NORTH));
        index.upsert(document("both", List.of("public"), "harbour moorings", NORTH_EAST));

        // when
        List<Hit> hits = index.search(request(SearchMode.HYBRID, "harbour moorings", NORTH, PUBLIC));

        // then: "both" ranks high in both lists, "text" and "vector" each appear in one list only
        assertThat(chunkIds(hits)).contains("text#0", "vector#0", "both#0");
        assertThat(hits.get(0).chunk().chunkId()).isEqualTo("both#0");
    }

    @Test
    void should_match_query_words_found_only_in_the_title() {
        // given
        HybridIndex index = index();
        index.upsert(new DocumentChunks("guide.md", "h", List.of(new Chunk("guide.md#0", "guide.md", "file",
                "Onboarding guide", "Bring your badge on the first day", "", null, 0, "h", "text/markdown",
                List.of("public"), null, null, NORTH, MODEL))));
        index.upsert(document("other.md", List.of("public"), "Nothing relevant here", EAST));

        // when
        List<Hit> hits = index.search(request(SearchMode.BM25, "onboarding", null, PUBLIC));

        // then
        assertThat(chunkIds(hits)).containsExactly("guide.md#0");
    }

    @Test
    void should_return_chunks_with_their_metadata_and_without_embedding() {
        // given
        HybridIndex index = index();
        Instant modified = Instant.parse("2024-05-01T10:15:30.123Z");
        Instant ingested = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Chunk stored = new Chunk("report.pdf#0", "report.pdf", "file", "Annual report", "Revenue grew strongly",
                "Finance > Summary", 3, 0, "hash-1", "application/pdf", List.of("finance", "board"), modified,
                ingested, NORTH, MODEL);
        index.upsert(new DocumentChunks("report.pdf", "hash-1", List.of(stored)));

        // when
        Chunk found = index.search(request(SearchMode.BM25, "revenue", null, Set.of("board"))).get(0).chunk();

        // then
        assertThat(found.embedding()).isNull();
        assertThat(found).usingRecursiveComparison().ignoringFields("embedding", "acl").isEqualTo(stored);
        assertThat(found.acl()).containsExactlyInAnyOrder("finance", "board");
    }

    @Test
    void should_replace_all_chunks_without_leaving_a_stale_tail() {
        // given: a document with 5 chunks
        HybridIndex index = index();
        index.upsert(document("manual.md", "hash-v1", List.of("public"), "version one chunk", 5));

        // when: it changes and now has 2
        index.upsert(document("manual.md", "hash-v2", List.of("public"), "version two chunk", 2));

        // then
        List<Hit> hits = index.search(request(SearchMode.BM25, "version chunk", null, PUBLIC, 50));
        assertThat(chunkIds(hits)).containsExactlyInAnyOrder("manual.md#0", "manual.md#1");
        assertThat(hits).allSatisfy(h -> assertThat(h.chunk().content()).startsWith("version two"));
        assertThat(index.stats().chunks()).isEqualTo(2);
        assertThat(index.documentHashes()).containsExactly(Map.entry("manual.md", "hash-v2"));
    }

    @Test
    void should_remove_every_chunk_on_delete() {
        // given
        HybridIndex index = index();
        index.upsert(document("gone.md", "h", List.of("public"), "ephemeral words", 3));
        index.upsert(document("kept.md", "h", List.of("public"), "ephemeral words", 1));

        // when
        index.delete("gone.md");
        index.delete("never-existed.md");

        // then
        List<Hit> hits = index.search(request(SearchMode.HYBRID, "ephemeral", NORTH, PUBLIC, 50));
        assertThat(chunkIds(hits)).containsExactly("kept.md#0");
        assertThat(index.documentHashes()).containsOnlyKeys("kept.md");
        assertThat(index.stats().chunks()).isEqualTo(1);
    }

    @Test
    void should_delete_a_document_upserted_with_no_chunks() {
        // given
        HybridIndex index = index();
        index.upsert(document("emptied.md", "h", List.of("public"), "soon empty", 2));

        // when
        index.upsert(new DocumentChunks("emptied.md", "h2", List.of()));
        index.upsertAll(List.of());

        // then
        assertThat(index.documentHashes()).isEmpty();
        assertThat(index.stats().chunks()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void should_never_return_a_chunk_outside_the_callers_groups(SearchMode mode) {
        // given: the hr chunk is the best match in every list
        HybridIndex index = index();
        index.upsert(document("salaries.xlsx", List.of("hr"), "salary bands for every grade", NORTH));
        index.upsert(document("handbook.md", List.of("public", "staff"), "holiday policy", EAST));

        // when
        List<Hit> publicHits = index.search(request(mode, "salary bands grade", NORTH, PUBLIC, 50));
        List<Hit> hrHits = index.search(request(mode, "salary bands grade", NORTH, Set.of("hr", "nobody"), 50));

        // then
        assertThat(chunkIds(publicHits)).doesNotContain("salaries.xlsx#0");
        assertThat(chunkIds(hrHits)).containsExactly("salaries.xlsx#0");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void should_return_chunks_of_every_group_to_an_admins_search(SearchMode mode) {
        // given
        HybridIndex index = index();
        index.upsert(document("salaries.xlsx", List.of("hr"), "salary bands for every grade", NORTH));
        index.upsert(document("budget.xlsx", List.of("finance"), "salary budget for every grade", NORTH));

        // when
        List<Hit> all = index.search(request(mode, "salary grade", NORTH, Set.of(SearchRequest.EVERY_GROUP), 50));
        List<Hit> filtered = index.search(new SearchRequest("salary grade", NORTH, mode, 50,
                Set.of(SearchRequest.EVERY_GROUP), Map.of("docId", "budget.xlsx")));

        // then
        assertThat(chunkIds(all)).containsExactlyInAnyOrder("salaries.xlsx#0", "budget.xlsx#0");
        assertThat(chunkIds(filtered)).containsExactly("budget.xlsx#0");
    }

    @ParameterizedTest
    @EnumSource(value = SearchMode.class, names = {"DENSE", "HYBRID"})
    void should_filter_before_the_nearest_neighbour_search(SearchMode mode) {
        // given: 30 hidden chunks all nearer to the query than the one readable chunk
        HybridIndex index = index();
        List<DocumentChunks> hidden = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hidden.add(document("hidden-" + i, List.of("hr"), "hidden", NORTH));
        }
        index.upsertAll(hidden);
        index.upsert(document("readable", List.of("public"), "readable", EAST));

        // when: a post-filter over the top few neighbours would find nothing
        List<Hit> hits = index.search(request(mode, "unmatched", NORTH, PUBLIC, 2));

        // then
        assertThat(chunkIds(hits)).containsExactly("readable#0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docId", "source", "mimeType", "title", "section"})
    void should_apply_each_metadata_filter_exactly(String field) {
        // given: two chunks that differ in every filterable field, both matching the query
        HybridIndex index = index();
        index.upsert(new DocumentChunks("one.md", "h1", List.of(new Chunk("one.md#0", "one.md", "file", "First Title",
                "shared words", "Intro", null, 0, "h1", "text/markdown", List.of("public"), null, null, NORTH, MODEL))));
        index.upsert(new DocumentChunks("two.pdf", "h2", List.of(new Chunk("two.pdf#0", "two.pdf", "upload",
                "Second Title", "shared words", "Body", null, 0, "h2", "application/pdf", List.of("public"), null, null,
                NORTH, MODEL))));
        Map<String, String> valuesOfTwo = Map.of("docId", "two.pdf", "source", "upload",
                "mimeType", "application/pdf", "title", "Second Title", "section", "Body");

        for (SearchMode mode : SearchMode.values()) {
            // when
            List<Hit> hits = index.search(new SearchRequest("shared words", NORTH, mode, 10, PUBLIC,
                    Map.of(field, valuesOfTwo.get(field))));
            List<Hit> none = index.search(new SearchRequest("shared words", NORTH, mode, 10, PUBLIC,
                    Map.of(field, valuesOfTwo.get(field).toLowerCase() + "-nope")));

            // then
            assertThat(chunkIds(hits)).as(mode + " filtered by " + field).containsExactly("two.pdf#0");
            assertThat(none).as(mode + " filtered by a value nobody has").isEmpty();
        }
    }

    @Test
    void should_list_the_content_hash_of_every_document() {
        // given
        HybridIndex index = index();
        index.upsertAll(List.of(
                document("a.md", "hash-a", List.of("public"), "a", 3),
                document("b.md", "hash-b", List.of("hr"), "b", 1)));

        // when
        Map<String, String> hashes = index.documentHashes();

        // then
        assertThat(hashes).containsOnly(Map.entry("a.md", "hash-a"), Map.entry("b.md", "hash-b"));
    }

    @Test
    void should_count_documents_and_chunks_and_change_generation_on_every_write() {
        // given
        HybridIndex index = index();
        IndexStats empty = index.stats();

        // when
        index.upsertAll(List.of(document("a.md", "h", List.of("public"), "a", 3),
                document("b.md", "h", List.of("public"), "b", 2)));
        IndexStats afterUpsert = index.stats();
        index.delete("a.md");
        IndexStats afterDelete = index.stats();

        // then
        assertThat(empty.documents()).isZero();
        assertThat(empty.chunks()).isZero();
        assertThat(empty.embeddingModel()).isNull();
        assertThat(afterUpsert.documents()).isEqualTo(2);
        assertThat(afterUpsert.chunks()).isEqualTo(5);
        assertThat(afterUpsert.embeddingModel()).isEqualTo(MODEL);
        assertThat(afterUpsert.generation()).isNotEqualTo(empty.generation());
        assertThat(afterDelete.documents()).isEqualTo(1);
        assertThat(afterDelete.chunks()).isEqualTo(2);
        assertThat(afterDelete.generation()).isNotEqualTo(afterUpsert.generation());
    }

    @Test
    void should_refuse_searches_and_upserts_after_reopening_with_another_model() {
        // given: an index built with one model
        HybridIndex index = index();
        index.upsert(document("a.md", "h", List.of("public"), "content", 1));
        index.upsert(document("b.md", "h", List.of("public"), "content", 1));
        index.close();

        // when: it is opened with another
        HybridIndex other = track(reopen("another-model", DIMENSIONS));

        // then: reading and writing vectors fails with a clear error, housekeeping still works
        assertThatThrownBy(() -> other.search(request(SearchMode.BM25, "content", null, PUBLIC)))
                .isInstanceOf(EmbeddingModelMismatchException.class)
                .hasMessageContaining(MODEL).hasMessageContaining("another-model").hasMessageContaining("reindex");
        assertThatThrownBy(() -> other.upsert(document("c.md", "h", List.of("public"), "content", 1)))
                .isInstanceOf(EmbeddingModelMismatchException.class);
        assertThat(other.stats().chunks()).isEqualTo(2);
        assertThat(other.stats().embeddingModel()).isEqualTo(MODEL);
        assertThat(other.documentHashes()).containsOnlyKeys("a.md", "b.md");
        other.delete("a.md");
        assertThat(other.stats().documents()).isEqualTo(1);
    }

    @Test
    void should_keep_serving_after_reopening_with_the_same_model() {
        // given
        HybridIndex index = index();
        index.upsert(document("a.md", "h", List.of("public"), "persistent words", 2));
        long generation = index.stats().generation();
        index.close();

        // when
        HybridIndex again = track(reopen(MODEL, DIMENSIONS));

        // then
        assertThat(chunkIds(again.search(request(SearchMode.BM25, "persistent", null, PUBLIC))))
                .containsExactlyInAnyOrder("a.md#0", "a.md#1");
        again.upsert(document("b.md", "h", List.of("public"), "more words", 1));
        assertThat(again.stats().generation()).isNotEqualTo(generation);
    }

    @Test
    void should_read_a_documents_chunks_in_chunk_order_without_embeddings() {
        // given: twelve chunks, so an order by chunk id as text ("#10" before "#2") would show
        HybridIndex index = index();
        index.upsert(document("manual.md", "hash-1", List.of("hr"), "step", 12));
        index.upsert(document("other.md", List.of("hr"), "unrelated text", NORTH));

        // when
        List<Chunk> chunks = index.chunks("manual.md");

        // then
        assertThat(chunks).extracting(Chunk::content).containsExactlyElementsOf(
                IntStream.range(0, 12).mapToObj(n -> "step " + n).toList());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.embedding()).isNull();
            assertThat(c.docId()).isEqualTo("manual.md");
            assertThat(c.acl()).containsExactly("hr");
        });
    }

    @Test
    void should_read_only_the_newest_chunks_of_a_replaced_document_and_none_of_an_unknown_one() {
        // given
        HybridIndex index = index();
        index.upsert(document("manual.md", "hash-1", List.of("hr"), "old", 5));
        index.upsert(document("manual.md", "hash-2", List.of("hr"), "new", 2));
        index.upsert(document("gone.md", List.of("hr"), "deleted text", NORTH));
        index.delete("gone.md");

        // when / then
        assertThat(index.chunks("manual.md")).extracting(Chunk::content).containsExactly("new 0", "new 1");
        assertThat(index.chunks("gone.md")).isEmpty();
        assertThat(index.chunks("never-indexed.md")).isEmpty();
    }

    @Test
    void should_relabel_every_chunk_keeping_text_vectors_and_other_fields() {
        // given: three chunks for hr (vectors north, east, north) and a document nobody re-labels
        HybridIndex index = index();
        Instant ingested = Instant.parse("2025-03-01T08:00:00.123Z");
        List<Chunk> chunks = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            chunks.add(new Chunk(Chunk.idOf("pay.md", n), "pay.md", "file", "Pay", "salary grade " + n, "Bands",
                    n + 1, n, "hash-pay", "text/markdown", List.of("hr"), ingested.minusSeconds(60), ingested,
                    n % 2 == 0 ? NORTH : EAST, MODEL));
        }
        index.upsert(new DocumentChunks("pay.md", "hash-pay", chunks));
        index.upsert(document("other.md", List.of("hr"), "salary other", NORTH));
        Map<String, Float> denseBefore = scores(index.search(request(SearchMode.DENSE, null, MOSTLY_NORTH,
                Set.of("hr"), 10)));
        long generation = index.generation();

        // when
        index.relabel("pay.md", List.of("finance", "exec"));

        // then: the new group finds every chunk, unchanged but for the acl
        List<Hit> asFinance = index.search(request(SearchMode.BM25, "salary grade", null, Set.of("finance"), 10));
        assertThat(chunkIds(asFinance)).containsExactlyInAnyOrder("pay.md#0", "pay.md#1", "pay.md#2");
        for (Hit hit : asFinance) {
            Chunk original = chunks.get(hit.chunk().chunkIndex());
            assertThat(hit.chunk()).usingRecursiveComparison().ignoringFields("acl", "embedding").isEqualTo(original);
            assertThat(hit.chunk().acl()).containsExactlyInAnyOrder("finance", "exec");
        }
        // the old group no longer does; the other document keeps its label
        assertThat(chunkIds(index.search(request(SearchMode.HYBRID, "salary grade", NORTH, Set.of("hr"), 10))))
                .containsExactly("other.md#0");
        // the vectors are the ones indexed: every chunk ranks with the very score it had
        Map<String, Float> denseAfter = scores(index.search(request(SearchMode.DENSE, null, MOSTLY_NORTH,
                Set.of("hr", "exec"), 10)));
        assertThat(denseAfter.keySet()).isEqualTo(denseBefore.keySet());
        denseBefore.forEach((id, score) -> assertThat(denseAfter.get(id)).as(id).isCloseTo(score, within(1e-6f)));
        // one copy of each chunk, the same hash, a new generation
        assertThat(index.stats().chunks()).isEqualTo(4);
        assertThat(index.documentHashes()).containsEntry("pay.md", "hash-pay");
        assertThat(index.generation()).isNotEqualTo(generation);
    }

    @Test
    void should_do_nothing_when_relabelling_a_document_without_chunks_or_to_its_own_acl() {
        // given
        HybridIndex index = index();
        index.upsert(document("a.md", List.of("hr", "exec"), "words", NORTH));
        long generation = index.generation();

        // when
        index.relabel("never-indexed.md", List.of("finance"));
        index.relabel("a.md", List.of("exec", "hr"));

        // then
        assertThat(index.documentHashes()).containsOnlyKeys("a.md");
        assertThat(index.generation()).isEqualTo(generation);
        assertThatThrownBy(() -> index.relabel("a.md", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_keep_a_relabelled_acl_after_reopening_and_replace_it_on_the_next_upsert() {
        // given
        HybridIndex index = index();
        index.upsert(document("a.md", "h1", List.of("hr"), "durable words", 2));
        index.relabel("a.md", List.of("finance"));
        index.close();

        // when
        HybridIndex again = track(reopen(MODEL, DIMENSIONS));

        // then
        assertThat(chunkIds(again.search(request(SearchMode.BM25, "durable", null, Set.of("finance")))))
                .containsExactlyInAnyOrder("a.md#0", "a.md#1");
        assertThat(again.search(request(SearchMode.BM25, "durable", null, Set.of("hr")))).isEmpty();
        again.upsert(document("a.md", "h2", List.of("hr"), "durable words", 1));
        assertThat(chunkIds(again.search(request(SearchMode.BM25, "durable", null, Set.of("hr", "finance")))))
                .containsExactly("a.md#0");
        assertThat(again.stats().chunks()).isEqualTo(1);
    }

    @Test
    void should_relabel_while_other_documents_are_upserted_concurrently() throws Exception {
        // given
        HybridIndex index = index();
        index.upsert(document("shared.md", "h", List.of("hr"), "shared words", 3));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when: re-labels of one document race with upserts of others
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                futures.add(pool.submit(() -> index.upsert(document("other-" + n, List.of("public"), "w", EAST))));
                futures.add(pool.submit(() -> index.relabel("shared.md", List.of(n % 2 == 0 ? "a" : "b", "hr2"))));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then: exactly one copy of every chunk, all labelled alike
        List<Hit> hits = index.search(request(SearchMode.BM25, "shared", null, Set.of("hr2"), 50));
        assertThat(chunkIds(hits)).containsExactlyInAnyOrder("shared.md#0", "shared.md#1", "shared.md#2");
        assertThat(hits.stream().map(h -> Set.copyOf(h.chunk().acl())).distinct()).hasSize(1);
        assertThat(index.stats().chunks()).isEqualTo(3 + 8);
    }

    @Test
    void should_reject_chunks_from_another_model_or_with_wrong_dimensions() {
        // given
        HybridIndex index = index();
        Chunk otherModel = new Chunk("x#0", "x", "file", "", "text", "", null, 0, "h", "text/plain",
                List.of("public"), null, null, NORTH, "another-model");
        Chunk wrongLength = new Chunk("y#0", "y", "file", "", "text", "", null, 0, "h", "text/plain",
                List.of("public"), null, null, new float[] {1, 0, 0}, MODEL);

        // when / then
        assertThatThrownBy(() -> index.upsert(new DocumentChunks("x", "h", List.of(otherModel))))
                .isInstanceOf(EmbeddingModelMismatchException.class);
        assertThatThrownBy(() -> index.upsert(new DocumentChunks("y", "h", List.of(wrongLength))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> index.search(request(SearchMode.DENSE, null, new float[] {1, 0}, PUBLIC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
        assertThat(index.stats().chunks()).isZero();
    }

    @Test
    void should_end_with_exactly_one_copy_of_each_document_after_concurrent_upserts() throws Exception {
        // given: 4 threads upserting the same 10 documents twice, each version with its own chunk count
        HybridIndex index = index();
        int threads = 4;
        int documents = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int round = 0; round < 2; round++) {
                    for (int d = 0; d < documents; d++) {
                        index.upsert(document("doc-" + d, "hash-" + d, List.of("public"),
                                "concurrent text " + version(thread, round), chunksOf(thread, round, d)));
                    }
                }
                return null;
            });
        }

        // when
        try {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        // then: each document holds exactly the chunks of one of its versions, no duplicate, no stale tail
        assertThat(index.documentHashes()).hasSize(documents);
        List<Hit> hits = index.search(request(SearchMode.BM25, "concurrent", null, PUBLIC, 1000));
        assertThat(hits).hasSize((int) index.stats().chunks());
        for (int d = 0; d < documents; d++) {
            String docId = "doc-" + d;
            List<Chunk> chunks = hits.stream().map(Hit::chunk).filter(c -> c.docId().equals(docId))
                    .sorted(java.util.Comparator.comparingInt(Chunk::chunkIndex)).toList();
            assertThat(chunks).as(docId).isNotEmpty();
            String version = chunks.get(0).content().split(" ")[2];
            int thread = Integer.parseInt(version.substring(1, version.indexOf('_')));
            int round = Integer.parseInt(version.substring(version.indexOf('_') + 1));
            assertThat(chunks).as(docId).extracting(Chunk::chunkIndex)
                    .isEqualTo(IntStream.range(0, chunksOf(thread, round, d)).boxed().toList());
            assertThat(chunks).as(docId).allSatisfy(c -> assertThat(c.content()).contains(" " + version + " "));
        }
    }

    private static String version(int thread, int round) {
        return "v" + thread + "_" + round;
    }

    private static int chunksOf(int thread, int round, int document) {
        return 1 + (thread + round + document) % 4;
    }

    @ParameterizedTest
    @ValueSource(strings = {"what? (x) AND -y:", "\"unbalanced", "*?~^!{}[]\\/&&||", "((((", ":", "AND OR NOT",
            "title:secret acl:hr", "   ???   "})
    void should_not_fail_on_punctuation_in_query_text(String text) {
        // given
        HybridIndex index = index();
        index.upsert(document("q.md", List.of("public"), "what x y questions", NORTH));

        // when / then
        for (SearchMode mode : SearchMode.values()) {
            assertThatCode(() -> index.search(request(mode, text, NORTH, PUBLIC))).as(mode + ": " + text)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void should_not_let_query_syntax_bypass_the_acl() {
        // given
        HybridIndex index = index();
        index.upsert(document("secret.md", List.of("hr"), "secret", NORTH));

        // when
        List<Hit> hits = index.search(request(SearchMode.BM25, "secret acl:hr OR acl:public", null, PUBLIC));

        // then
        assertThat(hits).isEmpty();
    }

    @Test
    void should_be_unavailable_after_close() {
        // given
        HybridIndex index = index();
        index.upsert(document("a.md", List.of("public"), "words", NORTH));

        // when
        index.close();
        index.close();

        // then
        assertThat(index.isHealthy()).isFalse();
        assertThatThrownBy(() -> index.search(request(SearchMode.BM25, "words", null, PUBLIC)))
                .isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(() -> index.upsert(document("b.md", List.of("public"), "words", NORTH)))
                .isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(index::stats).isInstanceOf(IndexUnavailableException.class);
    }

    @Test
    void should_be_healthy_when_open() {
        assertThat(index().isHealthy()).isTrue();
    }

    // ---- fixtures

    /** A one-chunk document. */
    protected static DocumentChunks document(String docId, List<String> acl, String content, float[] vector) {
        Chunk chunk = new Chunk(Chunk.idOf(docId, 0), docId, "file", "", content, "", null, 0, "hash-" + docId,
                "text/plain", acl, null, null, vector, MODEL);
        return new DocumentChunks(docId, "hash-" + docId, List.of(chunk));
    }

    /** A document of {@code chunks} chunks whose contents start with {@code content}. */
    protected static DocumentChunks document(String docId, String hash, List<String> acl, String content,
                                             int chunks) {
        List<Chunk> list = new ArrayList<>();
        for (int n = 0; n < chunks; n++) {
            list.add(new Chunk(Chunk.idOf(docId, n), docId, "file", "", content + " " + n, "", null, n, hash,
                    "text/plain", acl, null, null, n % 2 == 0 ? NORTH : EAST, MODEL));
        }
        return new DocumentChunks(docId, hash, list);
    }

    protected static SearchRequest request(SearchMode mode, String text, float[] vector, Set<String> groups) {
        return request(mode, text, vector, groups, 10);
    }

    protected static SearchRequest request(SearchMode mode, String text, float[] vector, Set<String> groups,
                                           int limit) {
        return new SearchRequest(text, vector, mode, limit, groups, Map.of());
    }

    protected static Map<String, Float> scores(List<Hit> hits) {
        Map<String, Float> scores = new java.util.TreeMap<>();
        hits.forEach(h -> scores.put(h.chunk().chunkId(), (float) h.score()));
        return scores;
    }

    protected static List<String> chunkIds(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().chunkId()).toList();
    }

    protected static float[] normalise(float... vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return unit;
    }
}
