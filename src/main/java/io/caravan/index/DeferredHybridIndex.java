package io.caravan.index;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HybridIndex} opened on first use rather than at start-up, so Caravan starts while its engine (an
 * Elasticsearch cluster) is down: until the engine answers, every call throws {@link IndexUnavailableException}
 * and {@link #isHealthy()} is {@code false}; the next call after {@code retryEvery} tries to open it again.
 *
 * <p>Thread safe: one caller at a time opens the index, the others wait for it; once open, calls go straight to
 * the opened index, which reports later outages itself.
 */
public final class DeferredHybridIndex implements HybridIndex {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredHybridIndex.class);

    private final String name;
    private final Supplier<? extends HybridIndex> opener;
    private final AutoCloseable onClose;
    private final long retryEveryNanos;
    private final LongSupplier nanoClock;
    private volatile HybridIndex opened;
    private volatile boolean closed;
    /** Guarded by this. */
    private IndexUnavailableException lastFailure;
    /** Guarded by this. */
    private long nextAttemptNanos;

    /**
     * @param name       what the index is, for messages ({@code "Elasticsearch alias caravan-chunks"})
     * @param opener     opens the index, throwing {@link IndexUnavailableException} while the engine is down
     * @param onClose    closed after the opened index by {@link #close()} (the engine's client), or {@code null}
     * @param retryEvery the least time between two attempts to open it
     */
    public DeferredHybridIndex(String name, Supplier<? extends HybridIndex> opener, AutoCloseable onClose,
                               Duration retryEvery) {
        this(name, opener, onClose, retryEvery, System::nanoTime);
    }

    DeferredHybridIndex(String name, Supplier<? extends HybridIndex> opener, AutoCloseable onClose,
                        Duration retryEvery, LongSupplier nanoClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.onClose = onClose;
        this.retryEveryNanos = retryEvery.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Tries to open the index now (at start-up); {@code false}, with a warning logged, while the engine is down. */
    public boolean tryOpen() {
        try {
            index();
            return true;
        } catch (IndexUnavailableException e) {
            return false;
        }
    }

    /** Whether the index was opened. */
    public boolean isOpen() {
        return opened != null;
    }

    /** The opened index, opening it first when it is not yet open. */
    public HybridIndex index() {
        ensureOpen();
        HybridIndex current = opened;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            ensureOpen();
            if (opened != null) {
                return opened;
            }
            long now = nanoClock.getAsLong();
            if (lastFailure != null && now - nextAttemptNanos < 0) {
                throw new IndexUnavailableException(lastFailure.getMessage(), lastFailure);
            }
            try {
                HybridIndex index = opener.get();
                if (lastFailure != null) {
                    LOG.info("{} is reachable again and open", name);
                }
                lastFailure = null;
                opened = index;
                return index;
            } catch (IndexUnavailableException e) {
                if (lastFailure == null) {
                    LOG.warn("{} cannot be opened yet, retrying while Caravan runs (not ready meanwhile): {}",
                            name, e.getMessage());
                } else {
                    LOG.debug("{} still cannot be opened: {}", name, e.getMessage());
                }
                lastFailure = e;
                nextAttemptNanos = now + retryEveryNanos;
                throw e;
            }
        }
    }

    @Override
    public void upsertAll(List<DocumentChunks> documents) {
        index().upsertAll(documents);
    }

    @Override
    public void delete(String docId) {
        index().delete(docId);
    }

    @Override
    public void relabel(String docId, List<String> acl) {
        index().relabel(docId, acl);
    }

    @Override
    public List<Hit> search(SearchRequest request) {
        return index().search(request);
    }

    @Override
    public List<Chunk> chunks(String docId) {
        return index().chunks(docId);
    }

    @Override
    public Map<String, String> documentHashes() {
        return index().documentHashes();
    }

    @Override
    public IndexStats stats() {
        return index().stats();
    }

    @Override
    public long generation() {
        return index().generation();
    }

    @Override
    public boolean isHealthy() {
        if (closed) {
            return false;
        }
        try {
            return index().isHealthy();
        } catch (IndexUnavailableException e) {
            return false;
        }
    }

    /** Closes the opened index, if any, then {@code onClose}; later calls do nothing. */
    @Override
    public void close() {
        HybridIndex index;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            index = opened;
        }
        try {
            if (index != null) {
                index.close();
            }
        } finally {
            if (onClose != null) {
                try {
                    onClose.close();
                } catch (Exception e) {
                    LOG.warn("cannot close the client of {} cleanly: {}", name, e.toString());
                }
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IndexUnavailableException(name + " is closed", null);
        }
    }
}
