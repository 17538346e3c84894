package io.caravan.index.elasticsearch;

import io.caravan.index.RankingOptions;
import java.util.Objects;

/**
 * Tuning of an {@link ElasticsearchHybridIndex}; {@link #defaults()} works on a minimal node.
 *
 * @param analyzer          built-in analyzer of {@code content} and the title text ({@code standard}, or a language
 *                          analyzer such as {@code english} where the node has the analysis-common module); fixed
 *                          when the index is created, so changing it needs a re-index
 * @param ranking           title weight, candidates and fusion (search time) and the BM25 parameters, which are
 *                          fixed when the index is created
 * @param maxBulkOperations operations per Bulk request; a larger write is sent as several, made visible together
 * @param maxRetries        attempts after the first for bulk items the node answered 429 or 5xx
 */
public record ElasticsearchIndexOptions(String analyzer, RankingOptions ranking, int maxBulkOperations,
                                        int maxRetries) {
    public ElasticsearchIndexOptions {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(ranking, "ranking");
        if (analyzer.isBlank()) {
            throw new IllegalArgumentException("analyzer must name an analyzer");
        }
        if (maxBulkOperations < 1) {
            throw new IllegalArgumentException("maxBulkOperations must be at least 1, was " + maxBulkOperations);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, was " + maxRetries);
        }
    }

    /**
     * The standard analyzer (present on every node), {@link RankingOptions#defaults()}, 1000 operations per bulk,
     * 5 retries: the same ranking as the Lucene defaults.
     */
    public static ElasticsearchIndexOptions defaults() {
        return new ElasticsearchIndexOptions("standard", RankingOptions.defaults(), 1000, 5);
    }

    /** These options with another analyzer. */
    public ElasticsearchIndexOptions withAnalyzer(String newAnalyzer) {
        return new ElasticsearchIndexOptions(newAnalyzer, ranking, maxBulkOperations, maxRetries);
    }

    /** These options with other ranking. */
    public ElasticsearchIndexOptions withRanking(RankingOptions newRanking) {
        return new ElasticsearchIndexOptions(analyzer, newRanking, maxBulkOperations, maxRetries);
    }
}
