package io.caravan.batch;

import io.caravan.ingest.SourceDocument;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends a batch of documents through the ingestion pipeline, {@code caravan.ingest.concurrency} at a time, counts
 * their outcomes in an {@link IngestTally} and shows the progress: what {@code ingest}, {@code eval} and
 * {@code bench} do alike. Its workers live until {@link #close()}, so one instance can ingest several batches.
 *
 * <p>One thread calls its methods; the documents of a call are ingested in parallel and the call returns when every
 * one has finished.
 */
public final class BatchIngestion implements AutoCloseable {

    /** The route of one file of the share: body a {@link java.io.File}, header {@link #RELATIVE_PATH}. */
    public static final String INGEST_FILE = "direct:ingest-file";
    /** The route of one {@link SourceDocument}. */
    public static final String INGEST = "direct:ingest";
    /** The header naming a file by its path relative to the share, which becomes its document id. */
    public static final String RELATIVE_PATH = "CaravanRelativePath";
    /** Documents waiting per worker: the batch is streamed, so only a few wait in memory. */
    private static final int QUEUED_PER_WORKER = 4;

    private final ProducerTemplate template;
    private final int concurrency;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final BatchProgress progress;
    private final IngestTally tally = new IngestTally();
    private long elapsedNanos;

    /**
     * {@code concurrency} workers ({@code caravan.ingest.concurrency}) named {@code <threadName>1},
     * {@code <threadName>2}, ... (so their CPU time can be told apart); {@code progress} is advanced per document and
     * closed with this.
     */
    public BatchIngestion(CamelContext context, int concurrency, String threadName, BatchProgress progress) {
        this.template = context.createProducerTemplate();
        this.concurrency = concurrency;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency,
                task -> new Thread(task, threadName + number.incrementAndGet()));
        this.maxInFlight = concurrency * QUEUED_PER_WORKER;
        this.inFlight = new Semaphore(maxInFlight);
        this.progress = progress;
    }

    /** Ingests each file through {@link #INGEST_FILE}, named by its path relative to {@code root}. */
    public void ingestFiles(Path root, List<Path> files) throws InterruptedException {
        ingest(sink -> {
            for (Path file : files) {
                String relative = root.relativize(file).toString();
                sink.accept(new Pending(relative, () -> template.send(INGEST_FILE, e -> {
                    e.getMessage().setBody(file.toFile());
                    e.getMessage().setHeader(RELATIVE_PATH, relative);
                })));
            }
        });
    }

    /** Ingests each document that {@code documents} hands to its sink through {@link #INGEST}, in that order. */
    public void ingestDocuments(DocumentStream documents) throws Exception {
        Exception[] thrown = new Exception[1];
        ingest(sink -> {
            try {
                documents.forEach(document -> sink.accept(new Pending(document.docId(),
                        () -> template.send(INGEST, e -> e.getMessage().setBody(document)))));
            } catch (Exception e) {
                thrown[0] = e;
            }
        });
        if (thrown[0] != null) {
            throw thrown[0];
        }
    }

    /** A source of documents that hands each one to a sink, such as a corpus file read line by line. */
    @FunctionalInterface
    public interface DocumentStream {
        void forEach(Consumer<SourceDocument> sink) throws Exception;
    }

    /** The outcomes so far, over every batch. */
    public IngestTally tally() {
        return tally;
    }

    /** Documents ingested at a time. */
    public int concurrency() {
        return concurrency;
    }

    /** Wall-clock time spent in the batches, summed. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        progress.close();
    }

    private record Pending(String id, Supplier<Exchange> send) {
    }

    private void ingest(Consumer<Consumer<Pending>> producer) throws InterruptedException {
        long start = System.nanoTime();
        producer.accept(pending -> {
            inFlight.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    tally.record(pending.id(), pending.send().get());
                } catch (RuntimeException e) {
                    tally.failed(pending.id(), e);
                } finally {
                    progress.step();
                    inFlight.release();
                }
            });
        });
        // every permit back means every document of this batch has finished
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        elapsedNanos += System.nanoTime() - start;
    }
}
