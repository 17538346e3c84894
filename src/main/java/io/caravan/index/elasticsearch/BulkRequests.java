package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.caravan.index.IndexUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends bulk operations to the index behind an alias, in requests of at most
 * {@link ElasticsearchIndexOptions#maxBulkOperations()} each retried by a {@link BulkRetrier}, and refreshes it.
 * Thread safe.
 */
final class BulkRequests {

    private static final Duration FIRST_RETRY_BACK_OFF = Duration.ofMillis(100);

    private final ElasticsearchClient client;
    private final String alias;
    private final int maxOperations;
    private final BulkRetrier<BulkOperation> retrier;

    BulkRequests(ElasticsearchClient client, String alias, ElasticsearchIndexOptions options) {
        this.client = client;
        this.alias = alias;
        this.maxOperations = options.maxBulkOperations();
        this.retrier = new BulkRetrier<>(this::sendOnce, duration -> Thread.sleep(duration.toMillis()),
                options.maxRetries(), FIRST_RETRY_BACK_OFF);
    }

    /** The deletion of one stored chunk, routed like its document. */
    BulkOperation deletion(String id, String docId) {
        return BulkOperation.of(b -> b.delete(d -> d.index(alias).id(id).routing(docId)));
    }

    /** The indexing of one chunk's source under {@code id}, routed by its document. */
    BulkOperation indexing(String id, String docId, Map<String, Object> source) {
        return BulkOperation.of(b -> b.index(i -> i.index(alias).id(id).routing(docId).document(source)));
    }

    /**
     * Sends the operations, retrying passing failures.
     *
     * @return the reason of each operation refused for good, by its position in {@code operations}
     */
    Map<Integer, String> send(List<BulkOperation> operations) throws IOException {
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (int from = 0; from < operations.size(); from += maxOperations) {
            int offset = from;
            retrier.send(slice(operations, from)).forEach((position, reason) -> refused.put(offset + position, reason));
        }
        return refused;
    }

    /** Sends operations that cannot fail for good (deletions); a refusal stops there, the index unavailable. */
    void sendAll(List<BulkOperation> operations, String action) throws IOException {
        for (int from = 0; from < operations.size(); from += maxOperations) {
            Map<Integer, String> failures = retrier.send(slice(operations, from));
            if (!failures.isEmpty()) {
                throw new IndexUnavailableException("cannot " + action + " " + alias + ": "
                        + failures.values().iterator().next(), null);
            }
        }
    }

    /** Makes everything sent so far visible to searches: the index never refreshes by itself. */
    void refresh() throws IOException {
        client.indices().refresh(r -> r.index(alias));
    }

    private List<BulkOperation> slice(List<BulkOperation> operations, int from) {
        return operations.subList(from, Math.min(operations.size(), from + maxOperations));
    }

    private List<BulkRetrier.ItemOutcome> sendOnce(List<BulkOperation> operations) throws IOException {
        BulkResponse response = client.bulk(b -> b.operations(operations));
        List<BulkRetrier.ItemOutcome> outcomes = new ArrayList<>(response.items().size());
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                // a delete of an id that is not there answers 404 "not_found" without an error: fine
                outcomes.add(BulkRetrier.ItemOutcome.OK);
            } else {
                outcomes.add(new BulkRetrier.ItemOutcome(item.status(),
                        item.error().type() + ": " + item.error().reason()));
            }
        }
        return outcomes;
    }
}
