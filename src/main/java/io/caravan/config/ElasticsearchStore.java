package io.caravan.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.DeferredHybridIndex;
import io.caravan.index.HitFusion;
import io.caravan.index.HybridIndex;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.ElasticsearchHybridIndex;
import io.caravan.index.elasticsearch.ElasticsearchIndexOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.component.es.ElasticsearchComponent;
import org.elasticsearch.client.RestClient;

/**
 * Wiring of {@code caravan.store=elasticsearch}: the {@code caravan.elasticsearch.*} keys become one connection,
 * shared by the camel-elasticsearch component (so routes can use {@code elasticsearch:} endpoints) and the
 * {@link ElasticsearchHybridIndex}, which closes it.
 */
final class ElasticsearchStore {

    /** Least time between two attempts to open the index while the cluster is down. */
    private static final Duration RETRY_OPEN_EVERY = Duration.ofSeconds(1);

    private ElasticsearchStore() {
    }

    /**
     * The index behind {@code caravan.elasticsearch.index}, opened now when the cluster answers, otherwise on first
     * use: Caravan starts (not ready) while the cluster is down, and creates or checks its index once it is up.
     */
    static HybridIndex open(Settings settings, EmbeddingModelSpec embedding, CamelContext context) {
        return open(settings, embedding, context, settings.string("caravan.elasticsearch.index"));
    }

    /** Like {@link #open(Settings, EmbeddingModelSpec, CamelContext)} on another alias (eval, bench, reindex). */
    static DeferredHybridIndex open(Settings settings, EmbeddingModelSpec embedding, CamelContext context,
                                    String alias) {
        ElasticsearchConnection connection = connection(settings);
        RestClient rest = connection.openRestClient();
        try {
            context.getComponent("elasticsearch", ElasticsearchComponent.class).setClient(rest);
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, Json.newMapper());
            ElasticsearchIndexOptions options = options(settings);
            DeferredHybridIndex index = new DeferredHybridIndex("Elasticsearch alias " + alias + " at "
                    + settings.string("caravan.elasticsearch.url"),
                    () -> new ElasticsearchHybridIndex(client, null, alias, embedding.name(), embedding.dimensions(),
                            options),
                    rest, RETRY_OPEN_EVERY);
            index.tryOpen();
            return index;
        } catch (RuntimeException e) {
            try {
                rest.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The caravan.elasticsearch.* keys; empty values mean "not used". */
    static ElasticsearchConnection connection(Settings settings) {
        String ca = optional(settings, "caravan.elasticsearch.ca-certificate");
        return new ElasticsearchConnection(
                ElasticsearchConnection.parseUrls(settings.string("caravan.elasticsearch.url")),
                optional(settings, "caravan.elasticsearch.username"),
                optional(settings, "caravan.elasticsearch.password"),
                optional(settings, "caravan.elasticsearch.api-key"),
                ca.isEmpty() ? null : Path.of(ca),
                settings.bool("caravan.elasticsearch.insecure"),
                settings.duration("caravan.elasticsearch.timeout"));
    }

    /**
     * The caravan.index.* and fusion keys as Elasticsearch options. The analyzer is any built-in analyzer name
     * ({@code standard}, {@code english}, {@code french}, ...), checked by the cluster when the index is created.
     */
    static ElasticsearchIndexOptions options(Settings settings) {
        HitFusion fusion = CaravanConfiguration.fusion(settings);
        return ElasticsearchIndexOptions.defaults()
                .withAnalyzer(settings.string("caravan.index.analyzer").toLowerCase(Locale.ROOT))
                .withBm25((float) settings.decimal("caravan.index.bm25-k1"),
                        (float) settings.decimal("caravan.index.bm25-b"))
                .withTitleBoost((float) settings.decimal("caravan.index.title-boost"))
                .withFusion(fusion);
    }

    private static String optional(Settings settings, String key) {
        try {
            return settings.string(key);
        } catch (IllegalStateException notSet) {
            return "";
        }
    }
}
