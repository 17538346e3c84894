package io.caravan.index.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Index bodies for tests that need an index Caravan did not create itself. */
public final class TestMappings {

    private TestMappings() {
    }

    /**
     * Caravan's own create-index body for {@code alias} and the default options, except that field {@code field}
     * is mapped as {@code type}: a way to make the cluster refuse some chunks for good.
     */
    public static String indexBodyWithFieldAs(String alias, String embeddingModel, int dimensions, String field,
                                              String type) {
        ObjectNode body = ChunkSources.indexBody(new ObjectMapper(), alias, embeddingModel, dimensions,
                ElasticsearchIndexOptions.defaults());
        ((ObjectNode) body.path("mappings").path("properties").path(field)).removeAll().put("type", type);
        return body.toString();
    }
}
