package io.caravan.config;

import io.caravan.index.IndexReplacement;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.ElasticsearchIndexReplacement;
import java.io.IOException;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * Administration of Caravan's indices on the cluster of a running context's {@code caravan.elasticsearch.*} keys;
 * the work is the engine's ({@link ElasticsearchIndexReplacement}), this only connects it.
 */
public final class ElasticsearchIndices {

    private ElasticsearchIndices() {
    }

    /**
     * Deletes every index behind {@code alias} (with the alias); nothing when there is none.
     *
     * @return the deleted index names
     */
    public static List<String> deleteAlias(CamelContext context, String alias) throws IOException {
        return ElasticsearchIndexReplacement.deleteAlias(connection(context), alias);
    }

    /** The replacement of the index behind {@code alias} by the one built behind {@code staging}. */
    public static IndexReplacement replacement(CamelContext context, String alias, String staging) {
        return new ElasticsearchIndexReplacement(connection(context), alias, staging);
    }

    private static ElasticsearchConnection connection(CamelContext context) {
        return CaravanSettings.of(context).store().elasticsearch();
    }
}
