package io.caravan.ingest;

import io.caravan.index.HybridIndex;
import io.caravan.index.IndexUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a document's ACL in the index and the ledger up to the one its source gives it now, without reading,
 * parsing or embedding it again (docs/channels-and-sources.md#re-labelling): the ingest pipeline asks it about an
 * unchanged document, the reconcilers about every document of their source. A failed or deleted document has no
 * chunks to re-label; only its ledger entry changes. Thread safe: one re-label at a time, so a document the pipeline
 * and a reconciler both see changed is re-labelled once (share one instance).
 */
public class AclRelabeller {

    private static final Logger LOG = LoggerFactory.getLogger(AclRelabeller.class);

    private final HybridIndex index;
    private final DocumentLedger ledger;

    public AclRelabeller(HybridIndex index, DocumentLedger ledger) {
        this.index = index;
        this.ledger = ledger;
    }

    /** Whether the ledger knows the document with another ACL than the one it was just read with, or with none. */
    public boolean isRelabelDue(SourceDocument document) {
        return ledger.find(document.docId()).map(r -> differs(r.acl(), document.acl())).orElse(false);
    }

    /** Re-labels a document read again from its source, its bytes unchanged, with the ACL it was read with. */
    public void relabelFromSource(SourceDocument document) {
        relabel(document.docId(), document.acl());
    }

    /**
     * Re-labels the document with {@code acl} in the index (unless failed or deleted) and then in the ledger, one
     * info line saying so; nothing when the ledger does not know it or already has that ACL.
     *
     * @return whether the ACL changed
     */
    public synchronized boolean relabel(String docId, List<String> acl) {
        Optional<DocumentRecord> known = ledger.find(docId);
        if (known.isEmpty() || !differs(known.get().acl(), acl)) {
            return false;
        }
        DocumentRecord record = known.get();
        boolean hasChunks = record.status() != DocumentStatus.FAILED && record.status() != DocumentStatus.DELETED;
        if (hasChunks) {
            // the index first: should it fail, the ledger still differs and the next attempt re-labels again
            index.relabel(docId, acl);
        }
        ledger.relabel(docId, acl);
        LOG.info("document relabelled docId={} status={} from={} to={}{}", docId, record.status().name()
                .toLowerCase(java.util.Locale.ROOT), record.acl() == null ? "unknown" : record.acl(), acl,
                hasChunks ? "" : " (ledger only)");
        return true;
    }

    /**
     * Re-labels every live document of {@code source} whose ACL in the ledger is not the one {@code aclOf} gives
     * its docId now ({@code null}: leave it alone). A document whose ACL cannot be had is logged and skipped; an
     * unavailable index ends the run (the next one catches up).
     *
     * @return how many documents were re-labelled
     */
    public int relabelAll(String source, Function<String, List<String>> aclOf) {
        int relabelled = 0;
        for (String docId : ledger.liveDocIds(source)) {
            List<String> acl;
            try {
                acl = aclOf.apply(docId);
            } catch (RuntimeException e) {
                LOG.warn("document not relabelled docId={} reason=\"{}\"", docId, e.getMessage());
                continue;
            }
            try {
                if (acl != null && relabel(docId, acl)) {
                    relabelled++;
                }
            } catch (IndexUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("document not relabelled docId={} reason=\"{}\"", docId, e.getMessage());
            }
        }
        return relabelled;
    }

    // the order of groups means nothing; an unknown ACL (a record older than ACLs in the ledger) always differs
    private static boolean differs(List<String> known, List<String> acl) {
        return known == null || !Set.copyOf(known).equals(Set.copyOf(acl));
    }
}
