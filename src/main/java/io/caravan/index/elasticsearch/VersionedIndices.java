package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.VectorIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of the versioned indices behind Caravan's alias ({@code caravan-chunks} →
 * {@code caravan-chunks-000001}): creates the first one with the mapping, replaces an empty one made for another
 * embedding model by the next version, and reads what an index's mapping records. Thread safe.
 */
final class VersionedIndices {

    private static final Logger LOG = LoggerFactory.getLogger(VersionedIndices.class);

    private final ElasticsearchClient client;
    private final String alias;
    private final VectorIdentity configured;
    private final ElasticsearchIndexOptions options;
    private final ObjectMapper json = new ObjectMapper();

    VersionedIndices(ElasticsearchClient client, String alias, VectorIdentity configured,
                     ElasticsearchIndexOptions options) {
        this.client = client;
        this.alias = alias;
        this.configured = configured;
        this.options = options;
    }

    /**
     * What an index's mapping records about its content.
     *
     * @param vectors  the model and length its vectors come from
     * @param analyzer the analyzer of its text, or {@code null} when not recorded
     */
    record Recorded(VectorIdentity vectors, String analyzer) {
    }

    /** The index the alias points at, created (version 000001, with the mapping) when there is none. */
    String resolveOrCreate() throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                GetAliasResponse aliases = client.indices().getAlias(a -> a.name(alias));
                if (aliases.aliases().size() != 1) {
                    throw new IndexUnavailableException("alias " + alias + " points at " + aliases.aliases().size()
                            + " indices " + aliases.aliases().keySet() + "; Caravan needs exactly one", null);
                }
                return aliases.aliases().keySet().iterator().next();
            }
            if (client.indices().exists(e -> e.index(alias)).value()) {
                throw new IndexUnavailableException("'" + alias + "' is an index, not an alias: set "
                        + "caravan.elasticsearch.index to a name that is free or an alias made by Caravan", null);
            }
            String index = versionedName(1);
            try {
                create(index);
                LOG.info("created Elasticsearch index {} behind alias {}", index, alias);
                return index;
            } catch (ElasticsearchException e) {
                // another instance created it first: use theirs
                if (attempt > 0 || !"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
    }

    /** The index the alias points at now when it is exactly one, else {@code null}. */
    String behindAlias() throws IOException {
        GetAliasResponse aliases = client.indices().getAlias(a -> a.name(alias));
        return aliases.aliases().size() == 1 ? aliases.aliases().keySet().iterator().next() : null;
    }

    /** Creates the next version for the configured model, moves the alias to it atomically, drops the old one. */
    String replaceEmpty(String old) throws IOException {
        int version = 1;
        int dash = old.lastIndexOf('-');
        if (old.startsWith(alias + "-") && dash > 0) {
            try {
                version = Integer.parseInt(old.substring(dash + 1)) + 1;
            } catch (NumberFormatException e) {
                version = 1;
            }
        }
        String next = versionedName(version);
        ObjectNode body = body();
        body.remove("aliases");
        client.indices().create(c -> c.index(next).withJson(new StringReader(body.toString())));
        client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(old).alias(alias)))
                .actions(a -> a.add(ad -> ad.index(next).alias(alias).isWriteIndex(true))));
        client.indices().delete(d -> d.index(old));
        LOG.info("Elasticsearch index {} was empty and made for another embedding model; alias {} now points at {}",
                old, alias, next);
        return next;
    }

    /** What the mapping of {@code index} records in its {@code _meta}. */
    Recorded recorded(String index) throws IOException {
        TypeMapping mapping = client.indices().getMapping(m -> m.index(index)).get(index).mappings();
        Map<String, JsonData> meta = mapping.meta() == null ? Map.of() : mapping.meta();
        int dimensions = meta.containsKey(ChunkSources.META_DIMENSIONS)
                ? meta.get(ChunkSources.META_DIMENSIONS).to(Integer.class) : 0;
        return new Recorded(new VectorIdentity(string(meta, ChunkSources.META_EMBEDDING_MODEL), dimensions),
                string(meta, ChunkSources.META_ANALYZER));
    }

    private void create(String index) throws IOException {
        ObjectNode body = body();
        try {
            client.indices().create(c -> c.index(index).withJson(new StringReader(body.toString())));
        } catch (ElasticsearchException e) {
            if (e.getMessage() != null && e.getMessage().contains("analyzer")) {
                throw new IndexUnavailableException("Elasticsearch refused the mapping of " + index + ": "
                        + e.getMessage() + " (caravan.index.analyzer=" + options.analyzer() + "; a minimal node has "
                        + "only 'standard')", e);
            }
            throw e;
        }
    }

    private ObjectNode body() {
        return ChunkSources.indexBody(json, alias, configured.model(), configured.dimensions(), options);
    }

    private String versionedName(int version) {
        return String.format("%s-%06d", alias, version);
    }

    private static String string(Map<String, JsonData> meta, String key) {
        JsonData value = meta.get(key);
        return value == null ? null : value.to(String.class);
    }
}
