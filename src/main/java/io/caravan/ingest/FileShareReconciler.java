package io.caravan.ingest;

import io.caravan.index.HybridIndex;
import io.caravan.index.IndexUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes from the index the documents whose files left the share, so the index mirrors the share.
 * Only in mirror mode: in drop-box mode files leave on purpose once indexed. Thread safe if not run concurrently
 * with itself (the timer route runs it on one thread).
 */
public class FileShareReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(FileShareReconciler.class);

    private final Path root;
    private final boolean mirror;
    private final HybridIndex index;
    private final DocumentLedger ledger;
    /** Whether the last run found the index unavailable (warned once per outage). */
    private volatile boolean unavailable;

    public FileShareReconciler(Path root, boolean mirror, HybridIndex index, DocumentLedger ledger) {
        this.root = root;
        this.mirror = mirror;
        this.index = index;
        this.ledger = ledger;
    }

    /**
     * Deletes documents of the share that no longer exist; returns how many. While the index is unavailable it
     * does nothing (one warning) and the next run catches up.
     */
    public int reconcile() {
        if (!mirror || !Files.isDirectory(root)) {
            return 0;
        }
        try {
            int removed = removeDeparted();
            unavailable = false;
            return removed;
        } catch (IndexUnavailableException e) {
            if (!unavailable) {
                LOG.warn("reconciliation of the share skipped while the index is unavailable: {}", e.getMessage());
            }
            unavailable = true;
            return 0;
        }
    }

    private int removeDeparted() {
        Set<String> present = filesInShare();
        // the index is the truth (a crash may have left it ahead of the ledger); the ledger adds failed documents
        Set<String> known = new TreeSet<>(ledger.liveDocIds(FileSourceReader.SOURCE));
        index.documentHashes().keySet().stream().filter(FileShareReconciler::isFileDocId).forEach(known::add);
        int removed = 0;
        for (String docId : known) {
            if (!present.contains(docId)) {
                index.delete(docId);
                ledger.markDeleted(docId);
                LOG.info("document removed from index docId={} reason=\"file left the share\"", docId);
                removed++;
            }
        }
        return removed;
    }

    private Set<String> filesInShare() {
        Set<String> ids = new TreeSet<>();
        ShareFiles.list(root).forEach(p -> ids.add(FileSourceReader.docIdOf(p.toString())));
        return ids;
    }

    // documents of the share have relative paths; other sources use URIs (s3://, imap://)
    private static boolean isFileDocId(String docId) {
        return !docId.contains("://");
    }
}
