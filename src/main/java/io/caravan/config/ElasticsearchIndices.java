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

    /** The indices behind {@code alias}; none when the alias does not exist. */
    public static List<String> indicesBehind(CamelContext context, String alias) throws IOException {
        try (RestClient rest = restClient(context)) {
            return indicesBehind(ElasticsearchConnection.apiClient(rest, Json.newMapper()), alias);
        }
    }

    /**
     * Points {@code alias} at the index behind {@code staging} (and only there), in one atomic alias update, so
     * searches go from the old index to the new one without a gap; the staging alias stays until
     * {@link #dropStaging}.
     *
     * @return the indices the alias left
     */
    public static List<String> moveAlias(CamelContext context, String alias, String staging) throws IOException {
        try (RestClient rest = restClient(context)) {
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, Json.newMapper());
            List<String> target = indicesBehind(client, staging);
            if (target.size() != 1) {
                throw new IllegalStateException("staging alias " + staging + " points at " + target
                        + "; expected exactly one index");
            }
            String next = target.get(0);
            List<String> old = new ArrayList<>(indicesBehind(client, alias));
            old.remove(next);
            client.indices().updateAliases(u -> {
                old.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(alias))));
                return u.actions(a -> a.add(ad -> ad.index(next).alias(alias).isWriteIndex(true)));
            });
            return old;
        }
    }

    /** Removes the staging alias and deletes the indices the production alias left. */
    public static void dropStaging(CamelContext context, String staging, List<String> oldIndices) throws IOException {
        try (RestClient rest = restClient(context)) {
            ElasticsearchClient client = ElasticsearchConnection.apiClient(rest, Json.newMapper());
            for (String index : indicesBehind(client, staging)) {
                client.indices().deleteAlias(d -> d.index(index).name(staging));
            }
            if (!oldIndices.isEmpty()) {
                client.indices().delete(d -> d.index(oldIndices));
            }
        }
    }

    private static List<String> indicesBehind(ElasticsearchClient client, String alias) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return List.of();
        }
        return new ArrayList<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
    }

    private static RestClient restClient(CamelContext context) {
        return ElasticsearchStore.connection(new Settings(context.getPropertiesComponent())).openRestClient();
    }
}
