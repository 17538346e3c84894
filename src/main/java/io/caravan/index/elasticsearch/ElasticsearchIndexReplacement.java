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
 * alias update moves searches from the old index to the new one, and the ledger's alias
 * ({@link StateIndex#ledgerAlias}) from the old ledger to the one the build wrote, so the ledger describes the index
 * it is beside; then the staging aliases and the old indices are deleted. Also deletes whole aliases with their
 * state (the bench's). Each call opens its own client; not thread safe.
 */
public final class ElasticsearchIndexReplacement implements IndexReplacement {

    private final ElasticsearchConnection connection;
    private final String alias;
    private final String staging;
    private List<String> oldIndices = List.of();
    private List<String> oldLedgers = List.of();

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

    /**
     * Points the alias at the index behind the staging alias (and only there), and the ledger's alias at the ledger
     * the build wrote (none when it wrote none: the next use starts an empty one), in one atomic alias update.
     */
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
            String ledger = StateIndex.ledgerAlias(alias);
            List<String> nextLedger = indicesBehind(client, StateIndex.ledgerAlias(staging));
            List<String> oldLedger = new ArrayList<>(indicesBehind(client, ledger));
            oldLedger.removeAll(nextLedger);
            client.indices().updateAliases(u -> {
                old.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(alias))));
                oldLedger.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(ledger))));
                nextLedger.forEach(index -> u.actions(a -> a.add(ad -> ad.index(index).alias(ledger)
                        .isWriteIndex(true))));
                return u.actions(a -> a.add(ad -> ad.index(next).alias(alias).isWriteIndex(true)));
            });
            oldIndices = old;
            oldLedgers = oldLedger;
        }
    }

    /** Removes the staging aliases and deletes the indices the alias and the ledger's alias left. */
    @Override
    public String dropOld() throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = client(rest);
            for (String name : List.of(staging, StateIndex.ledgerAlias(staging))) {
                for (String index : indicesBehind(client, name)) {
                    client.indices().deleteAlias(d -> d.index(index).name(name));
                }
            }
            List<String> deleted = new ArrayList<>(oldIndices);
            deleted.addAll(oldLedgers);
            if (!deleted.isEmpty()) {
                client.indices().delete(d -> d.index(deleted));
            }
            return "alias " + alias + " now points at " + indicesBehind(client, alias) + "; deleted " + deleted;
        }
    }

    /**
     * Deletes every index behind {@code alias} and behind its ledger's and conversations' aliases (with the
     * aliases); nothing when there is none.
     *
     * @return the deleted index names
     */
    public static List<String> deleteAlias(ElasticsearchConnection connection, String alias) throws IOException {
        try (RestClient rest = connection.openRestClient()) {
            ElasticsearchClient client = client(rest);
            List<String> indices = new ArrayList<>();
            for (String name : List.of(alias, StateIndex.ledgerAlias(alias), StateIndex.conversationsAlias(alias))) {
                indices.addAll(indicesBehind(client, name));
            }
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
