package io.caravan.ingest;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Embeds a document's chunks with the passage model: every chunk of the document is handed to the shared embedding
 * pool at once (one thread per core, so the documents in flight queue for the cores instead of crowding them), and
 * the chunks come back in document order. A plain task per chunk rather than a Camel split: at one or two chunks
 * per document, the split's exchange copies, aggregation and per-chunk events cost a few percent of the ingestion's
 * CPU. A chunk that fails fails the document: the remaining chunks are cancelled and its exception propagates.
 *
 * <p>Thread safe; the pool is shared, not owned (Camel shuts it down).
 */
public final class ChunkEmbedder {

    private final EmbeddingModel model;
    private final ExecutorService pool;

    public ChunkEmbedder(EmbeddingModel model, ExecutorService pool) {
        this.model = Objects.requireNonNull(model, "model");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The chunks with their vectors, in the order given; returns once every chunk is embedded. */
    public List<EmbeddedChunk> embed(List<TextChunk> chunks) {
        List<Future<float[]>> vectors = new ArrayList<>(chunks.size());
        try {
            for (TextChunk chunk : chunks) {
                vectors.add(pool.submit(() -> model.embed(chunk.text()).content().vector()));
            }
            List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                embedded.add(new EmbeddedChunk(chunks.get(i), await(vectors.get(i))));
            }
            return embedded;
        } catch (InterruptedException e) {
            cancel(vectors);
            Thread.currentThread().interrupt();
            throw new IngestException("embed", "embedding was interrupted", e);
        } catch (ExecutionException e) {
            cancel(vectors);
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IngestException("embed", "embedding failed: " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            // the pool refused a task (shutting down): do not leave the submitted ones running for nobody
            cancel(vectors);
            throw e;
        }
    }

    /**
     * The chunk's vector. A pool shut down with the chunk still queued (Camel stopping after its shutdown timeout)
     * drops it without completing its future, so the wait checks for that instead of blocking for ever.
     */
    private float[] await(Future<float[]> vector) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return vector.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (pool.isTerminated() && !vector.isDone()) {
                    throw new IllegalStateException("the embedding pool shut down before the chunk was embedded");
                }
            }
        }
    }

    private static void cancel(List<Future<float[]>> vectors) {
        vectors.forEach(vector -> vector.cancel(true));
    }
}
