package io.caravan.config;

import io.caravan.index.HitFusion;
import io.caravan.index.RankingOptions;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.ElasticsearchIndexOptions;
import io.caravan.index.lucene.LuceneIndexOptions;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where Caravan keeps its state and how its index ranks: {@code caravan.data-dir}, {@code caravan.store},
 * {@code caravan.index.*} and {@code caravan.elasticsearch.*}.
 *
 * @param kind               {@code lucene} (embedded, under the data directory) or {@code elasticsearch}
 * @param dataDir            the data directory: the Lucene index, the document ledger, the embedded broker's journal
 * @param analyzer           the text analyzer's name ({@code standard} or {@code english} on Lucene; any built-in
 *                           analyzer on Elasticsearch, checked by the cluster)
 * @param ranking            BM25 parameters, title weight and the hybrid fusion, the same on both engines
 * @param commitInterval     Lucene only: how often a Lucene commit is made
 * @param elasticsearch      the cluster of {@code caravan.store=elasticsearch}; {@code null} for a Lucene store
 * @param elasticsearchIndex the alias Caravan's chunks live behind on the cluster
 */
public record StoreSettings(String kind, Path dataDir, String analyzer, RankingOptions ranking,
                            Duration commitInterval, ElasticsearchConnection elasticsearch,
                            String elasticsearchIndex) {

    public StoreSettings {
        if (!kind.equals("lucene") && !kind.equals("elasticsearch")) {
            throw new IllegalStateException("caravan.store must be lucene or elasticsearch, was " + kind);
        }
        analyzer = analyzer.toLowerCase(Locale.ROOT);
    }

    /** Reads the keys; {@code fusion} is {@code caravan.retrieval.fusion}'s, which the index applies. */
    static StoreSettings read(Settings settings, HitFusion fusion) {
        RankingOptions ranking = RankingOptions.defaults()
                .withBm25((float) settings.decimal("caravan.index.bm25-k1"),
                        (float) settings.decimal("caravan.index.bm25-b"))
                .withTitleBoost((float) settings.decimal("caravan.index.title-boost"))
                .withFusion(fusion);
        String kind = settings.string("caravan.store");
        // a Lucene store never reads the cluster's keys, so it starts whatever they hold
        ElasticsearchConnection elasticsearch = kind.equals("elasticsearch") ? elasticsearch(settings) : null;
        return new StoreSettings(kind, settings.path("caravan.data-dir"),
                settings.string("caravan.index.analyzer"), ranking, settings.duration("caravan.index.commit-interval"),
                elasticsearch, settings.string("caravan.elasticsearch.index"));
    }

    private static ElasticsearchConnection elasticsearch(Settings settings) {
        String ca = settings.optional("caravan.elasticsearch.ca-certificate");
        try {
            return new ElasticsearchConnection(
                    ElasticsearchConnection.parseUrls(settings.string("caravan.elasticsearch.url")),
                    settings.optional("caravan.elasticsearch.username"),
                    settings.optional("caravan.elasticsearch.password"),
                    settings.optional("caravan.elasticsearch.api-key"), ca == null ? null : Path.of(ca),
                    settings.bool("caravan.elasticsearch.insecure"),
                    settings.duration("caravan.elasticsearch.timeout"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caravan.elasticsearch.url: " + e.getMessage(), e);
        }
    }

    /** The Lucene engine's options. */
    public LuceneIndexOptions luceneOptions() {
        Analyzer luceneAnalyzer = switch (analyzer) {
            case "standard" -> new StandardAnalyzer();
            case "english" -> new EnglishAnalyzer();
            default -> throw new IllegalStateException("caravan.index.analyzer must be standard or english, was "
                    + analyzer);
        };
        return LuceneIndexOptions.defaults().withAnalyzer(luceneAnalyzer).withRanking(ranking)
                .withCommitInterval(commitInterval);
    }

    /** The Elasticsearch engine's options. */
    public ElasticsearchIndexOptions elasticsearchOptions() {
        return ElasticsearchIndexOptions.defaults().withAnalyzer(analyzer).withRanking(ranking);
    }
}
