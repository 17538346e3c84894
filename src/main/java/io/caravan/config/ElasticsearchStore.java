package io.caravan.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.DeferredHybridIndex;
import io.caravan.index.HybridIndex;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.ElasticsearchHybridIndex;
import io.caravan.index.elasticsearch.ElasticsearchIndexOptions;
import io.caravan.json.Json;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.es.ElasticsearchComponent;
import org.elasticsearch.client.RestClient;

/**
 * Wiring of {@code caravan.store=elasticsearch}: the {@code caravan.elasticsearch.*} keys become one connection,
 * shared by the camel-elasticsearch component (so routes can use {@code elasticsearch:} endpoints), the
 * {@link ElasticsearchHybridIndex}, which closes it, and the state the instances on one alias share (the ledger,
 * the conversations; docs/operations.md#scale-out).
 *
 * @param index  the index behind {@code caravan.elasticsearch.index}
 * @param client the Java API client of the connection, closed with the index
 */
record ElasticsearchStore(HybridIndex index, ElasticsearchClient client) {

    /** Least time between two attempts to open the index while the cluster is down. */
    private static final Duration RETRY_OPEN_EVERY = Duration.ofSeconds(1);

    /**
     * The index behind {@code caravan.elasticsearch.index}, opened now when the cluster answers, otherwise on first
     * use: Caravan starts (not ready) while the cluster is down, and creates or checks its index once it is up.
     */
    static ElasticsearchStore open(StoreSettings store, EmbeddingModelSpec embedding, CamelContext context) {
        String alias = store.elasticsearchIndex();
        RestClient rest = store.elasticsearch().openRestClient();
        try {
            context.getComponent("elasticsearch", ElasticsearchComponent.class).setClient(rest);
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, Json.newMapper());
            ElasticsearchIndexOptions options = store.elasticsearchOptions();
            DeferredHybridIndex index = new DeferredHybridIndex("Elasticsearch alias " + alias + " at "
                    + store.elasticsearch().hosts(),
                    () -> new ElasticsearchHybridIndex(client, null, alias, embedding.name(), embedding.dimensions(),
                            options),
                    rest, RETRY_OPEN_EVERY);
            index.tryOpen();
            return new ElasticsearchStore(index, client);
        } catch (RuntimeException e) {
            try {
                rest.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
