package io.caravan.index.lucene;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Informative throughput of 1-chunk upserts from 2 threads: group commit versus one commit per document,
 * measured in the same run. Not a test; run with {@code -Dcaravan.bench=true -Dtest=GroupCommitBench}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class GroupCommitBench {

    private static final int DOCS = 240;

    @TempDir
    Path temp;

    @Test
    void measure() throws Exception {
        for (int threads : new int[] {2, 8, 2}) {
            String run = threads + "-" + System.nanoTime();
            try (LuceneHybridIndex index = new LuceneHybridIndex(temp.resolve("group-" + run), "m", 4)) {
                long commitsBefore = index.commitCount();
                double perSecond = run(threads, i -> index.upsert(doc(i)));
                System.out.printf("%d threads, group commit  : %6.1f upserts/s, %d commits for %d upserts%n",
                        threads, perSecond, index.commitCount() - commitsBefore, DOCS);
            }
            try (FSDirectory dir = FSDirectory.open(temp.resolve("per-doc-" + run));
                 IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
                Object lock = new Object();
                double perSecond = run(threads, i -> {
                    DocumentChunks doc = doc(i);
                    // The naive durable upsert: write and commit under one lock, one fsync per document.
                    synchronized (lock) {
                        try {
                            writer.updateDocuments(new Term(ChunkDocuments.DOC_ID, doc.docId()),
                                    ChunkDocuments.toDocuments(doc));
                            writer.commit();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
                System.out.printf("%d threads, commit per doc: %6.1f upserts/s%n", threads, perSecond);
            }
        }
    }

    private static double run(int threadCount, IntConsumer upsert) throws InterruptedException {
        Thread[] threads = new Thread[threadCount];
        int perThread = DOCS / threadCount;
        long start = System.nanoTime();
        for (int t = 0; t < threadCount; t++) {
            int offset = t * perThread;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    upsert.accept(offset + i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return perThread * threadCount / ((System.nanoTime() - start) / 1e9);
    }

    private static DocumentChunks doc(int i) {
        String docId = "doc-" + i;
        Chunk chunk = new Chunk(Chunk.idOf(docId, 0), docId, "file", "title", "some content " + i, "", null, 0,
                "h" + i, "text/plain", List.of("public"), null, null, new float[] {1, 0, 0, 0}, "m");
        return new DocumentChunks(docId, "h" + i, List.of(chunk));
    }
}
