package io.caravan.index.lucene;

import java.time.Duration;
import java.util.Objects;
import io.caravan.index.HitFusion;
import io.caravan.index.ReciprocalRankFusion;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Tuning of a {@link LuceneHybridIndex}; {@link #defaults()} suits English and mixed-language text.
 *
 * @param analyzer             analyzes {@code content} and {@code title_text} at index and query time; it may be
 *                             shared (analyzers are thread safe) and is not closed by the index. Changing it
 *                             requires a re-index.
 * @param bm25K1               BM25 term-frequency saturation (Lucene and Elasticsearch default 1.2)
 * @param bm25B                BM25 length normalisation, 0..1 (default 0.75)
 * @param titleBoost           weight of a query term found in the title relative to one found in the content
 * @param candidatesMultiplier each ranked list fetches {@code limit * candidatesMultiplier} candidates; more
 *                             candidates improve HNSW recall and let hybrid fusion reward chunks both lists rank
 *                             moderately, at the cost of latency
 * @param refreshInterval      how often, while the index is being searched, writes are made visible in the
 *                             background (a read right after a write refreshes by itself)
 * @param commitInterval       how often a Lucene commit makes the translog written since the last one
 *                             unnecessary; writes are durable in the translog before that, so this only bounds
 *                             the translog's size and the replay after a crash
 * @param fusion               combines the BM25 and dense lists in hybrid mode (search time only)
 */
public record LuceneIndexOptions(Analyzer analyzer, float bm25K1, float bm25B, float titleBoost,
                                 int candidatesMultiplier, Duration refreshInterval, Duration commitInterval,
                                 HitFusion fusion) {
    public LuceneIndexOptions {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(fusion, "fusion");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (bm25K1 < 0 || !Float.isFinite(bm25K1)) {
            throw new IllegalArgumentException("bm25K1 must be a finite number >= 0, was " + bm25K1);
        }
        if (bm25B < 0 || bm25B > 1) {
            throw new IllegalArgumentException("bm25B must be between 0 and 1, was " + bm25B);
        }
        if (titleBoost < 0 || !Float.isFinite(titleBoost)) {
            throw new IllegalArgumentException("titleBoost must be a finite number >= 0, was " + titleBoost);
        }
        if (candidatesMultiplier < 1) {
            throw new IllegalArgumentException("candidatesMultiplier must be at least 1, was " + candidatesMultiplier);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
        }
    }

    /**
     * StandardAnalyzer (no stemming, no stop words: the same analysis as Elasticsearch's default {@code standard}
     * analyzer, so both engines rank alike and no language is assumed), BM25 k1 = 1.2 and b = 0.75, title terms
     * at half weight, twice the candidates, refresh every second while searched (Elasticsearch's default), a
     * Lucene commit every 60 s, RRF with k = 60.
     */
    public static LuceneIndexOptions defaults() {
        return new LuceneIndexOptions(new StandardAnalyzer(), 1.2f, 0.75f, 0.5f, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(60), HitFusion.reciprocalRank(ReciprocalRankFusion.DEFAULT_K));
    }

    /** These options with another Lucene commit interval. */
    public LuceneIndexOptions withCommitInterval(Duration interval) {
        return new LuceneIndexOptions(analyzer, bm25K1, bm25B, titleBoost, candidatesMultiplier, refreshInterval,
                interval, fusion);
    }

    /** These options with another analyzer (for example {@code EnglishAnalyzer} for stemmed English). */
    public LuceneIndexOptions withAnalyzer(Analyzer newAnalyzer) {
        return new LuceneIndexOptions(newAnalyzer, bm25K1, bm25B, titleBoost, candidatesMultiplier, refreshInterval,
                commitInterval, fusion);
    }

    /**
     * These options with other BM25 parameters. Lucene's BM25 norms do not depend on k1 and b, so they apply to
     * an existing index without re-indexing.
     */
    public LuceneIndexOptions withBm25(float k1, float b) {
        return new LuceneIndexOptions(analyzer, k1, b, titleBoost, candidatesMultiplier, refreshInterval,
                commitInterval, fusion);
    }

    /** These options with another title weight (search time only). */
    public LuceneIndexOptions withTitleBoost(float boost) {
        return new LuceneIndexOptions(analyzer, bm25K1, bm25B, boost, candidatesMultiplier, refreshInterval,
                commitInterval, fusion);
    }

    /** These options with another hybrid fusion (search time only). */
    public LuceneIndexOptions withFusion(HitFusion newFusion) {
        return new LuceneIndexOptions(analyzer, bm25K1, bm25B, titleBoost, candidatesMultiplier, refreshInterval,
                commitInterval, newFusion);
    }
}
