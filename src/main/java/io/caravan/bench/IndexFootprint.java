package io.caravan.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.stats.IndexStats;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.config.CaravanSettings;
import io.caravan.config.StoreSettings;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.lucene.LuceneIndexReplacement;
import org.apache.camel.CamelContext;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The disk the index of a running context takes, as its engine accounts for it: on Lucene the files of the index
 * directory, on Elasticsearch the primary shards' store from the {@code _stats} API. Read as the index stands, with
 * no commit or flush forced, so the figure is what a running service holds; the translog, which shrinks at the next
 * commit, is counted apart. Thread safe.
 */
@FunctionalInterface
public interface IndexFootprint {

    /** The bytes the index takes now. */
    Bytes measure() throws IOException;

    /**
     * The footprint of {@code context}'s index: the Lucene directory under {@code caravan.data-dir}, or the indices
     * behind {@code caravan.elasticsearch.index} on the configured cluster.
     */
    static IndexFootprint of(CamelContext context) {
        StoreSettings store = CaravanSettings.of(context).store();
        return store.kind().equals("elasticsearch")
                ? () -> elasticsearch(store.elasticsearch(), store.elasticsearchIndex())
                : () -> lucene(store.dataDir().resolve(LuceneIndexReplacement.INDEX_DIRECTORY));
    }

    /** The files of a Lucene index directory: the translog's {@code translog-*.tlog} apart, the rest as the index. */
    static Bytes lucene(Path directory) throws IOException {
        long index = 0;
        long translog = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long size = sizeOrZero(file);
                if (file.getFileName().toString().endsWith(".tlog")) {
                    translog += size;
                } else {
                    index += size;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Bytes(index, translog);
    }

    /** The primary shards' store and translog of the indices behind {@code alias}. */
    static Bytes elasticsearch(ElasticsearchConnection connection, String alias) throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, new ObjectMapper());
            IndexStats primaries = client.indices().stats(s -> s.index(alias).metric("store", "translog"))
                    .all().primaries();
            return new Bytes(primaries.store().sizeInBytes(), primaries.translog().sizeInBytes());
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
     * @param index    the searchable index (segments, or the store of the primary shards)
     * @param translog the write-ahead log of writes not yet in a commit
     */
    record Bytes(long index, long translog) {

        /** Index bytes per 1,000 of {@code chunks}. */
        public double indexPerThousand(long chunks) {
            return chunks == 0 ? 0 : index * 1000.0 / chunks;
        }
    }
}
