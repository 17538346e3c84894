package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.index.IndexReplacement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.RestClient;

/**
 * Replaces the index behind Caravan's alias by one built behind a staging alias, without downtime: one atomic
 * alias update moves searches from the old index to the new one, then the staging alias and the old index are
 * deleted. Also deletes whole aliases (the bench's). Each call opens its own client; not thread safe.
 */
public final class ElasticsearchIndexReplacement implements IndexReplacement {

    private final ElasticsearchConnection connection;
    private final String alias;
    private final String staging;
    private List<String> oldIndices = List.of();

    /**
     * @param alias   the alias Caravan serves from
     * @param staging the alias the new index was built behind ({@link #stagingAlias})
     */
    public ElasticsearchIndexReplacement(ElasticsearchConnection connection, String alias, String staging) {
        this.connection = connection;
        this.alias = alias;
        this.staging = staging;
    }

    /** A staging alias for a rebuild of {@code alias} started now: {@code <alias>-reindex-<epoch seconds>}. */
    public static String stagingAlias(String alias) {
        return alias + "-reindex-" + System.currentTimeMillis() / 1000;
    }

    @Override
    public boolean replacesWhileServing() {
        return true;
    }

    @Override
    public void checkReplaceable() {
        // the alias moves atomically under running instances, which follow it
    }

    /** Points the alias at the index behind the staging alias (and only there), in one atomic alias update. */
    @Override
    public void replace() throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = client(rest);
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
            oldIndices = old;
        }
    }

    /** Removes the staging alias and deletes the indices the alias left. */
    @Override
    public String dropOld() throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = client(rest);
            for (String index : indicesBehind(client, staging)) {
                client.indices().deleteAlias(d -> d.index(index).name(staging));
            }
            if (!oldIndices.isEmpty()) {
                client.indices().delete(d -> d.index(oldIndices));
            }
            return "alias " + alias + " now points at " + indicesBehind(client, alias) + "; deleted " + oldIndices;
        }
    }

    /**
     * Deletes every index behind {@code alias} (with the alias); nothing when there is none.
     *
     * @return the deleted index names
     */
    public static List<String> deleteAlias(ElasticsearchConnection connection, String alias) throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = client(rest);
            List<String> indices = indicesBehind(client, alias);
            if (!indices.isEmpty()) {
                client.indices().delete(d -> d.index(indices));
            }
            return indices;
        }
    }

    private static List<String> indicesBehind(ElasticsearchClient client, String alias) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return List.of();
        }
        return new ArrayList<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
    }

    private static ElasticsearchClient client(RestClient rest) {
        return ElasticsearchConnection.apiClient(rest, new ObjectMapper());
    }
}
