package io.caravan.ingest;

import io.caravan.index.HybridIndex;
import io.caravan.index.IndexUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the index in step with the share: removes the documents whose files left it (mirror mode only: in drop-box
 * mode files leave on purpose once indexed), with the ACLs of departed uploads, and re-labels every document whose
 * ACL in the ledger is not the one the rules or its upload give it now, in both modes
 * (docs/channels-and-sources.md#re-labelling). Thread safe if not run concurrently with itself (the timer route
 * runs it on one thread).
 */
public class FileShareReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(FileShareReconciler.class);

    /** How long an upload's ACL may wait for its file before it counts as left behind. */
    static final Duration UPLOAD_ACL_GRACE = Duration.ofMinutes(10);

    private final Path root;
    private final boolean mirror;
    private final HybridIndex index;
    private final DocumentLedger ledger;
    private final FileSourceReader reader;
    private final UploadAcls uploads;
    private final AclRelabeller relabeller;
    /** Whether the last run found the index unavailable (warned once per outage). */
    private volatile boolean unavailable;

    /**
     * @param reader  gives each document's ACL now (its upload's, else the rules')
     * @param uploads    the uploads' ACLs, removed once their files left the share
     * @param relabeller re-labels documents whose ACL changed (the pipeline's, so each is re-labelled once)
     */
    public FileShareReconciler(Path root, boolean mirror, HybridIndex index, DocumentLedger ledger,
                               FileSourceReader reader, UploadAcls uploads, AclRelabeller relabeller) {
        this.root = root;
        this.mirror = mirror;
        this.index = index;
        this.ledger = ledger;
        this.reader = reader;
        this.uploads = uploads;
        this.relabeller = relabeller;
    }

    /**
     * Deletes documents of the share that no longer exist (mirror mode), then re-labels those whose ACL changed;
     * returns how many were deleted. While the index is unavailable it does nothing (one warning) and the next run
     * catches up.
     */
    public int reconcile() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try {
            int removed = 0;
            if (mirror) {
                removed = removeDeparted();
            }
            relabeller.relabelAll(FileSourceReader.SOURCE, reader::aclOf);
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
        // a sidecar younger than the grace may belong to an upload whose file is on its way in
        uploads.removeOrphans(present, UPLOAD_ACL_GRACE);
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
