package io.caravan.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.elasticsearch.client.RestClient;

/** Administration of Caravan's indices on the cluster of a running context's {@code caravan.elasticsearch.*} keys. */
public final class ElasticsearchIndices {

    private ElasticsearchIndices() {
    }

    /**
     * Deletes every index behind {@code alias} (with the alias); nothing when there is none.
     *
     * @return the deleted index names
     */
    public static List<String> deleteAlias(CamelContext context, String alias) throws IOException {
        Settings settings = new Settings(context.getPropertiesComponent());
        try (RestClient rest = ElasticsearchStore.connection(settings).openRestClient()) {
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, Json.newMapper());
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return List.of();
            }
            List<String> indices = new ArrayList<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
            if (!indices.isEmpty()) {
                client.indices().delete(d -> d.index(indices));
            }
            return indices;
        }
    }
}
