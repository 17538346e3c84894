package io.caravan.index.lucene;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Informative throughput of 1-chunk upserts from 2 and 8 threads: group commit versus one commit per document,
 * measured in the same run. Not a test; run with {@code -Dcaravan.bench=true -Dtest=GroupCommitBench}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class GroupCommitBench {

    private static final int DOCS = 160;

    @TempDir
    Path temp;

    @Test
    void measure() throws Exception {
        // Interleaved rounds, medians reported: the disk is shared, so single runs are noisy.
        for (int threads : new int[] {2, 8}) {
            List<Double> grouped = new ArrayList<>();
            List<Double> perDoc = new ArrayList<>();
            long commits = 0;
            for (int round = 0; round < 3; round++) {
                String run = threads + "-" + round;
                try (LuceneHybridIndex index = new LuceneHybridIndex(temp.resolve("group-" + run), "m", 4)) {
                    long before = index.commitCount();
                    grouped.add(run(threads, i -> index.upsert(doc(i))));
                    commits += index.commitCount() - before;
                }
                perDoc.add(commitPerDocument(temp.resolve("per-doc-" + run), threads));
            }
            System.out.printf("%d threads: group commit %.1f upserts/s (%.1f upserts per commit), "
                    + "commit per document %.1f upserts/s%n", threads, median(grouped),
                    3.0 * DOCS / commits, median(perDoc));
        }
    }

    /** The naive durable upsert: write and commit under one lock, one fsync per document. */
    private static double commitPerDocument(Path path, int threads) throws Exception {
        try (FSDirectory dir = FSDirectory.open(path);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            Object lock = new Object();
            return run(threads, i -> {
                DocumentChunks doc = doc(i);
                synchronized (lock) {
                    try {
                        writer.updateDocuments(new Term(io.caravan.index.ChunkFields.DOC_ID, doc.docId()),
                                ChunkDocuments.toDocuments(doc));
                        writer.commit();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
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
