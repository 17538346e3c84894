package io.caravan.index.lucene;

import io.caravan.index.RankingOptions;
import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Tuning of a {@link LuceneHybridIndex}; {@link #defaults()} suits English and mixed-language text.
 *
 * @param analyzer        analyzes {@code content} and {@code title_text} at index and query time; it may be shared
 *                        (analyzers are thread safe) and is not closed by the index. Changing it requires a
 *                        re-index.
 * @param ranking         BM25 parameters (applied when searching: Lucene's norms do not depend on them), title
 *                        weight, candidates and fusion
 * @param refreshInterval how often, while the index is being searched, writes are made visible in the background
 *                        (a read right after a write refreshes by itself)
 * @param commitInterval  how often a Lucene commit makes the translog written since the last one unnecessary;
 *                        writes are durable in the translog before that, so this only bounds the translog's size
 *                        and the replay after a crash
 */
public record LuceneIndexOptions(Analyzer analyzer, RankingOptions ranking, Duration refreshInterval,
                                 Duration commitInterval) {
    public LuceneIndexOptions {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
        }
    }

    /**
     * StandardAnalyzer (no stemming, no stop words: the same analysis as Elasticsearch's default {@code standard}
     * analyzer, so both engines rank alike and no language is assumed), {@link RankingOptions#defaults()}, refresh
     * every second while searched (Elasticsearch's default), a Lucene commit every 60 s.
     */
    public static LuceneIndexOptions defaults() {
        return new LuceneIndexOptions(new StandardAnalyzer(), RankingOptions.defaults(), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    /** These options with another Lucene commit interval. */
    public LuceneIndexOptions withCommitInterval(Duration interval) {
        return new LuceneIndexOptions(analyzer, ranking, refreshInterval, interval);
    }

    /** These options with another analyzer (for example {@code EnglishAnalyzer} for stemmed English). */
    public LuceneIndexOptions withAnalyzer(Analyzer newAnalyzer) {
        return new LuceneIndexOptions(newAnalyzer, ranking, refreshInterval, commitInterval);
    }

    /** These options with other ranking. */
    public LuceneIndexOptions withRanking(RankingOptions newRanking) {
        return new LuceneIndexOptions(analyzer, newRanking, refreshInterval, commitInterval);
    }
}
