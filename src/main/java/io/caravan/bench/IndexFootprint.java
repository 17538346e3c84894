package io.caravan.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.stats.IndexStats;
import co.elastic.clients.elasticsearch.indices.stats.IndicesStats;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.config.CaravanSettings;
import io.caravan.config.StoreSettings;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.lucene.LuceneIndexReplacement;
import org.apache.camel.CamelContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.elasticsearch.client.RestClient;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The disk the index of a running context takes, as its engine accounts for it: on Lucene the segment files of the
 * latest commit with the chunks it holds, on Elasticsearch the primary shards' store and document count from the
 * {@code _stats} API; and apart, everything on disk at the moment (on Lucene the translog, segments not yet committed
 * and merges in flight, which come and go). Read as the index stands, with no commit or flush forced, so the figures
 * are what a running service holds. Thread safe.
 */
@FunctionalInterface
public interface IndexFootprint {

    /** How often {@link #luceneOnceCommitted} looks for a commit. */
    long POLL_MILLIS = 1_000;

    /** The bytes the index takes now. */
    Bytes measure() throws IOException;

    /**
     * The footprint of {@code context}'s index: the Lucene directory under {@code caravan.data-dir}, or the indices
     * behind {@code caravan.elasticsearch.index} on the configured cluster.
     */
    static IndexFootprint of(CamelContext context) {
        StoreSettings store = CaravanSettings.of(context).store();
        if (store.kind().equals("elasticsearch")) {
            return () -> elasticsearch(store.elasticsearch(), store.elasticsearchIndex());
        }
        Path directory = store.dataDir().resolve(LuceneIndexReplacement.INDEX_DIRECTORY);
        // a little over one interval: the background commit runs that often
        Duration patience = store.commitInterval().plusSeconds(5);
        return () -> luceneOnceCommitted(directory, patience);
    }

    /**
     * {@link #lucene}, once the index has a commit with chunks: a new index's first writes are in the translog and
     * uncommitted segments until the first background commit, and have no commit to be measured by. Waits at most
     * {@code patience}.
     */
    static Bytes luceneOnceCommitted(Path directory, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        Bytes bytes = lucene(directory);
        while (bytes.chunks() == 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a Lucene commit");
            }
            bytes = lucene(directory);
        }
        return bytes;
    }

    /**
     * The latest commit of a Lucene index directory (its segments' files and live documents, one per chunk) and
     * every file of the directory.
     */
    static Bytes lucene(Path directory) throws IOException {
        long index = 0;
        long chunks = 0;
        try (Directory lucene = FSDirectory.open(directory)) {
            // the commit is read with Lucene's retry on a concurrent commit; a file a later commit deleted meanwhile
            // ends the attempt, and the next one reads that later commit
            for (int attempt = 1; ; attempt++) {
                try {
                    index = 0;
                    chunks = 0;
                    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(lucene)) {
                        for (String file : segment.files()) {
                            index += lucene.fileLength(file);
                        }
                        chunks += segment.info.maxDoc() - segment.getDelCount() - segment.getSoftDelCount();
                    }
                    break;
                } catch (NoSuchFileException | FileNotFoundException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }
        long disk = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                disk += sizeOrZero(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Bytes(index, chunks, disk);
    }

    /** The primary shards' store and documents of the indices behind {@code alias}, and every copy's with translogs. */
    static Bytes elasticsearch(ElasticsearchConnection connection, String alias) throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, new ObjectMapper());
            IndicesStats all = client.indices().stats(s -> s.index(alias).metric("store", "docs", "translog")).all();
            IndexStats primaries = all.primaries();
            return new Bytes(primaries.store().sizeInBytes(), primaries.docs().count(),
                    all.total().store().sizeInBytes() + all.total().translog().sizeInBytes());
        }
    }

    /** A file merged away between listing and reading takes no space any more. */
    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * Bytes on disk.
     *
     * @param index  the searchable index: Lucene's latest commit, Elasticsearch's primary shards
     * @param chunks the chunks {@code index} holds (on Lucene, those of the commit: fewer than written when the last
     *               writes are not committed yet)
     * @param disk   everything on disk now: the translog, uncommitted segments and merges in flight included
     */
    record Bytes(long index, long chunks, long disk) {

        /** Index bytes per 1,000 chunks it holds: what an index of the same chunks takes at any size. */
        public double indexPerThousand() {
            return chunks == 0 ? 0 : index * 1000.0 / chunks;
        }
    }
}
