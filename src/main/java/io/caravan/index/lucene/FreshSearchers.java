package io.caravan.index.lucene;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Hands out searchers that see every write that returned before they were acquired: a read after a write
 * refreshes first, and while the index is searched a background refresh keeps ahead of it; bulk ingestion nobody
 * searches does not flush a tiny segment per write. Thread safe.
 */
final class FreshSearchers {

    /** Searches within this long keep the background refresh going; an index nobody reads is not refreshed. */
    private static final long SEARCH_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SearcherManager searchers;
    /** The write generation, which every write increases before it returns. */
    private final LongSupplier generation;
    /** The generation the current searcher is known to include. */
    private final AtomicLong refreshedGeneration = new AtomicLong(-1);
    private volatile long lastReadNanos = System.nanoTime() - SEARCH_IDLE_NANOS;

    FreshSearchers(SearcherManager searchers, LongSupplier generation) {
        this.searchers = searchers;
        this.generation = generation;
    }

    /** A searcher seeing every write that returned before this call; {@link #release} it. */
    IndexSearcher acquire() throws IOException {
        lastReadNanos = System.nanoTime();
        long target = generation.getAsLong();
        // refresh only when a write happened since the last refresh, so readers between writes pay nothing
        if (refreshedGeneration.get() < target) {
            searchers.maybeRefreshBlocking();
            refreshedGeneration.accumulateAndGet(target, Math::max);
        }
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Makes recent writes visible, when there are any and someone searched lately (a read refreshes anyway). */
    void refreshInBackground() throws IOException {
        // Merges and background commits change nothing a reader sees; only writes make a refresh worth it.
        if (System.nanoTime() - lastReadNanos < SEARCH_IDLE_NANOS) {
            long target = generation.getAsLong();
            if (refreshedGeneration.get() < target && searchers.maybeRefresh()) {
                refreshedGeneration.accumulateAndGet(target, Math::max);
            }
        }
    }

    /** Gives every searcher the configured BM25 parameters (the default similarity would ignore them). */
    static SearcherFactory withSimilarity(Similarity similarity) {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
    }
}
