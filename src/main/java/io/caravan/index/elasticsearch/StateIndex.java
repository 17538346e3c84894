package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.IndexUnavailableException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small index of state that Caravan instances sharing one chunk alias share too (the document ledger, the
 * conversations), reached through an alias of its own beside the chunks' one ({@code <alias>-ledger} →
 * {@code <alias>-ledger-000001}) and created with its mapping on first use, not at start-up, so Caravan starts
 * while the cluster is down (docs/operations.md#scale-out). An alias rather than an index so that
 * {@code caravan reindex} can move the ledger to the one built with the new chunks in the same alias update
 * ({@link ElasticsearchIndexReplacement}). Thread safe.
 */
public final class StateIndex {

    /** Suffix of the ledger's alias after the chunks' alias. */
    public static final String LEDGER_SUFFIX = "-ledger";
    /** Suffix of the conversations' alias after the chunks' alias. */
    public static final String CONVERSATIONS_SUFFIX = "-conversations";

    private static final Logger LOG = LoggerFactory.getLogger(StateIndex.class);
    /** Elasticsearch refuses document ids longer than 512 bytes. */
    private static final int MAX_ID_BYTES = 512;

    private final ElasticsearchClient client;
    private final String alias;
    private final ObjectNode body;
    /** Whether the alias was seen or made; reset when a request finds it gone. */
    private volatile boolean ensured;

    /**
     * @param alias the alias the state is read and written through
     * @param body  the create-index body (settings and mapping), without aliases
     */
    public StateIndex(ElasticsearchClient client, String alias, ObjectNode body) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.body = body.deepCopy();
        this.body.putObject("aliases").putObject(alias).put("is_write_index", true);
    }

    /** The ledger's alias beside the chunks' {@code chunkAlias}. */
    public static String ledgerAlias(String chunkAlias) {
        return chunkAlias + LEDGER_SUFFIX;
    }

    /** The conversations' alias beside the chunks' {@code chunkAlias}. */
    public static String conversationsAlias(String chunkAlias) {
        return chunkAlias + CONVERSATIONS_SUFFIX;
    }

    /** A request to the cluster. */
    @FunctionalInterface
    public interface Call<T> {
        T run(ElasticsearchClient client) throws IOException;
    }

    /** The alias. */
    public String alias() {
        return alias;
    }

    /**
     * Runs {@code call} on the alias, made first when missing (again when a request finds it gone: deleted by hand,
     * by a test or by {@code bench}).
     *
     * @param what what the call does, for the message of a failure ("read", "write to")
     * @throws IndexUnavailableException when the cluster does not answer or refuses the request
     */
    public <T> T call(String what, Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                ensure();
                return call.run(client);
            } catch (ElasticsearchException | IOException e) {
                if (attempt == 0 && isIndexNotFound(e)) {
                    ensured = false;
                    continue;
                }
                throw unavailable(what, e);
            }
        }
    }

    /**
     * Whether {@code e} says a write was refused because the document changed since it was read (HTTP 409); the
     * client reports it as an {@link ElasticsearchException}, a {@link TransportException} or the low-level
     * client's {@link ResponseException}, depending on the request.
     */
    public static boolean isConflict(Exception e) {
        return status(e) == 409;
    }

    /**
     * Writes {@code source} as document {@code id} only if nobody wrote it since it was read: created when it was
     * absent ({@code found} false), else replaced only at the sequence number and primary term it was read at.
     *
     * @return {@code false} when another writer came first (read it again and retry)
     * @throws IndexUnavailableException when the cluster does not answer or refuses the request
     */
    public boolean writeIfUnchanged(String id, ObjectNode source, boolean found, long seqNo, long primaryTerm) {
        return call("write to", client -> {
            try {
                client.index(i -> {
                    i.index(alias).id(id).document(source).requireAlias(true);
                    return found ? i.ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm) : i.opType(OpType.Create);
                });
                return true;
            } catch (ElasticsearchException | IOException e) {
                if (isConflict(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Puts a new, empty index behind the alias in place of the one there, in one alias update, then deletes the old
     * one: an emptying that needs no delete-by-query (which a minimal node lacks) and costs the same at any size. A
     * write racing with it lands in either index, as if made before or after it.
     *
     * @throws IndexUnavailableException when the cluster does not answer or refuses the request
     */
    public void replaceWithEmpty() {
        call("empty", client -> {
            List<String> old = new ArrayList<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
            int version = old.stream().mapToInt(StateIndex::versionOf).max().orElse(0);
            ObjectNode empty = body.deepCopy();
            empty.remove("aliases");
            for (int attempt = 0; ; attempt++) {
                String next = String.format("%s-%06d", alias, ++version);
                try {
                    client.indices().create(c -> c.index(next).withJson(new StringReader(empty.toString())));
                } catch (ElasticsearchException e) {
                    // an emptying by another instance at the same time took that name
                    if (attempt < 3 && "resource_already_exists_exception".equals(e.error().type())) {
                        continue;
                    }
                    throw e;
                }
                client.indices().updateAliases(u -> {
                    old.forEach(index -> u.actions(a -> a.remove(r -> r.index(index).alias(alias))));
                    return u.actions(a -> a.add(ad -> ad.index(next).alias(alias).isWriteIndex(true)));
                });
                if (!old.isEmpty()) {
                    client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
                }
                LOG.info("Elasticsearch alias {} now points at the empty index {}; deleted {}", alias, next, old);
                return null;
            }
        });
    }

    /** The stored id of {@code key}: itself, or a digest of it when longer than Elasticsearch takes. */
    public static String documentId(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES ? key : "sha256:" + sha256Hex(key);
    }

    /** The SHA-256 of {@code text}'s UTF-8 form, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensure() throws IOException {
        if (ensured) {
            return;
        }
        synchronized (this) {
            if (ensured) {
                return;
            }
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                if (client.indices().exists(e -> e.index(alias)).value()) {
                    throw new IndexUnavailableException("'" + alias + "' is an index, not an alias: Caravan keeps "
                            + "its state behind an alias of that name (delete the index or choose another "
                            + "caravan.elasticsearch.index)", null);
                }
                String index = alias + "-000001";
                try {
                    client.indices().create(c -> c.index(index).withJson(new StringReader(body.toString())));
                    LOG.info("created Elasticsearch index {} behind alias {}", index, alias);
                } catch (ElasticsearchException e) {
                    // another instance created it first: use theirs
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            // another instance may have created it a moment ago: its primary may still be starting (a new index
            // counts as yellow meanwhile, so wait for the active shard, not for a status)
            if (client.cluster().health(h -> h.index(alias).waitForActiveShards(w -> w.count(1))
                    .timeout(t -> t.time("30s"))).timedOut()) {
                throw new IndexUnavailableException("the shard of " + alias + " did not start within 30s", null);
            }
            ensured = true;
        }
    }

    /** The version number that ends an index name ({@code ...-000002} → 2), or 0. */
    private static int versionOf(String index) {
        int dash = index.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(index.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isIndexNotFound(Exception e) {
        return e instanceof ElasticsearchException es ? "index_not_found_exception".equals(es.error().type())
                : status(e) == 404;
    }

    /** The HTTP status the cluster answered with, or 0. */
    private static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof TransportException e && e.response() != null) {
                return e.statusCode();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
        }
        return 0;
    }

    private IndexUnavailableException unavailable(String what, Exception cause) {
        return new IndexUnavailableException("cannot " + what + " Elasticsearch alias " + alias + ": "
                + ElasticsearchFailures.reason(cause), cause);
    }
}
