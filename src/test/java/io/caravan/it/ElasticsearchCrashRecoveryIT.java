package io.caravan.it;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link CrashRecoveryIT} on caravan.store=elasticsearch: a stop or a {@code kill -9} in the middle of an
 * ingestion into the real node, then a restart, leaves exactly one copy of every document.
 */
class ElasticsearchCrashRecoveryIT extends CrashRecoveryIT {

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-crash-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected Map<String, String> config() {
        return Map.of("caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                "caravan.index.analyzer", "standard");
    }

    @AfterEach
    void deleteIndices() {
        node.request("DELETE", alias + "-*", null);
    }
}
