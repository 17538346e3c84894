package io.caravan.config;

import io.caravan.index.HitFusion;
import io.caravan.index.lucene.LuceneIndexOptions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Binds every Caravan bean into the Camel registry under the name the routes use: the {@code caravan.*} keys are read
 * once into {@link CaravanSettings}, then each area binds its beans from its settings and the shared core.
 */
public class CaravanConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CaravanConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings keys = new Settings(context.getPropertiesComponent());
        CaravanSettings settings = CaravanSettings.read(keys);
        context.getRegistry().bind(CaravanSettings.BEAN, settings);

        CoreBeans core = CoreBeans.bind(context, keys, settings);
        IngestBeans.bind(context, settings.ingest(), core);
        SourceBeans.bind(context.getRegistry(), settings.sources(), settings.ingest().maxFileSize(), core);
        AnswerBeans.bind(context.getRegistry(), settings, core);
        ChannelBeans.bind(context, settings, core);
        LOG.warn("authentication is off: every caller is in group 'public' (API keys come with a later release)");
    }

    /** The hybrid fusion of caravan.retrieval.fusion (rrf or convex), the same for every engine. */
    static HitFusion fusion(Settings settings) {
        return RetrievalSettings.fusion(settings);
    }

    /** The caravan.index.* and fusion keys as Lucene options. */
    static LuceneIndexOptions luceneOptions(Settings settings) {
        String analyzerName = settings.string("caravan.index.analyzer").toLowerCase(Locale.ROOT);
        Analyzer analyzer = switch (analyzerName) {
            case "standard" -> new StandardAnalyzer();
            case "english" -> new EnglishAnalyzer();
            default -> throw new IllegalStateException("caravan.index.analyzer must be standard or english, was "
                    + analyzerName);
        };
        return LuceneIndexOptions.defaults().withAnalyzer(analyzer)
                .withBm25((float) settings.decimal("caravan.index.bm25-k1"),
                        (float) settings.decimal("caravan.index.bm25-b"))
                .withTitleBoost((float) settings.decimal("caravan.index.title-boost"))
                .withCommitInterval(settings.duration("caravan.index.commit-interval"))
                .withFusion(fusion(settings));
    }
}
