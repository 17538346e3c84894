package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkEmbedderTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void should_pair_each_chunk_with_its_own_vector_in_document_order() {
        // given: a model whose vector is the text's length, slow on the first chunk so the second finishes first
        EmbeddingModel model = segments(text -> {
            if (text.equals("a long first chunk")) {
                sleep(50);
            }
            return new float[]{text.length()};
        });
        List<TextChunk> chunks = List.of(new TextChunk(0, "a long first chunk", null, null, 4),
                new TextChunk(1, "second", null, null, 1), new TextChunk(2, "3rd", null, null, 1));

        // when
        List<EmbeddedChunk> embedded = new ChunkEmbedder(model, pool).embed(chunks);

        // then
        assertThat(embedded).extracting(EmbeddedChunk::chunk).containsExactlyElementsOf(chunks);
        assertThat(embedded).extracting(e -> e.vector()[0]).containsExactly(18f, 6f, 3f);
    }

    @Test
    void should_embed_the_chunks_of_one_document_in_parallel_on_the_pool() throws Exception {
        // given: a model that only returns once two chunks are being embedded at the same time
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        EmbeddingModel model = segments(text -> {
            threads.add(Thread.currentThread().getName());
            bothStarted.countDown();
            await(bothStarted);
            return new float[]{1f};
        });

        // when
        List<EmbeddedChunk> embedded = new ChunkEmbedder(model, pool).embed(List.of(
                new TextChunk(0, "one", null, null, 1), new TextChunk(1, "two", null, null, 1)));

        // then
        assertThat(embedded).hasSize(2);
        assertThat(threads).hasSize(2).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void should_fail_the_document_with_the_failing_chunks_exception() {
        // given
        EmbeddingModel model = segments(text -> {
            if (text.equals("bad")) {
                throw new IllegalStateException("model refused the input");
            }
            return new float[]{1f};
        });

        // when / then
        assertThatThrownBy(() -> new ChunkEmbedder(model, pool).embed(List.of(
                new TextChunk(0, "good", null, null, 1), new TextChunk(1, "bad", null, null, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model refused the input");
    }

    @Test
    void should_fail_instead_of_waiting_for_ever_when_the_pool_drops_a_queued_chunk() throws Exception {
        // given: a one-thread pool busy with another task, so the chunk waits in its queue
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue);
        CountDownLatch release = new CountDownLatch(1);
        single.submit(() -> await(release));
        ChunkEmbedder embedder = new ChunkEmbedder(segments(text -> new float[]{1f}), single);
        CompletableFuture<List<EmbeddedChunk>> result = CompletableFuture.supplyAsync(
                () -> embedder.embed(List.of(new TextChunk(0, "queued", null, null, 1))));
        while (queue.isEmpty() && !result.isDone()) {
            Thread.sleep(10);
        }

        // when: the pool is shut down now, which drops the queued chunk
        single.shutdownNow();

        // then
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the embedding pool shut down before the chunk was embedded");
    }

    @Test
    void should_return_no_chunks_for_no_chunks() {
        assertThat(new ChunkEmbedder(segments(text -> new float[]{1f}), pool).embed(List.of())).isEmpty();
    }

    /** A model computing each vector from the text alone. */
    private static EmbeddingModel segments(java.util.function.Function<String, float[]> vector) {
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(segments.stream().map(s -> Embedding.from(vector.apply(s.text()))).toList());
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 10 s (chunks not embedded in parallel?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
