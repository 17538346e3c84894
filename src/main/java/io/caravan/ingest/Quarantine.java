package io.caravan.ingest;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a document that could not be ingested: the ledger gets the step, the reason and the document's ACL, the
 * log one line.
 * Nothing is deleted. Thread safe.
 */
public class Quarantine {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final DocumentLedger ledger;
    private final SourceAcls acls;

    /** A quarantine that records a failed document with the ACL it was read with, else the one the ledger had. */
    public Quarantine(DocumentLedger ledger) {
        this(ledger, SourceAcls.none());
    }

    /** @param acls the ACL of a document that failed before it was read (its rules, an upload's ACL) */
    public Quarantine(DocumentLedger ledger, SourceAcls acls) {
        this.ledger = ledger;
        this.acls = acls;
    }

    /**
     * Quarantines the document.
     *
     * @param docId    the document, as known when it failed
     * @param source   its source name
     * @param document the read document, or {@code null} when reading itself failed
     * @param step     the route step that failed, or {@code null} when unknown
     * @param error    what went wrong
     */
    public void record(String docId, String source, SourceDocument document, String step, Throwable error) {
        IngestException typed = ingestExceptionIn(error);
        String failedStep = typed != null ? typed.step() : step == null ? "ingest" : step;
        String reason = reasonOf(typed != null ? typed : error);
        String hash = document == null ? null : document.contentHash();
        // the documents API shows a failed document to its groups only (docs/channels-and-sources.md#document-acls)
        List<String> acl = document != null ? document.acl() : acls.aclOf(source, docId);
        ledger.markFailed(docId, source, hash, acl, failedStep, reason);
        LOG.warn("document quarantined docId={} source={} step={} reason=\"{}\"", docId, source, failedStep, reason);
    }

    // Camel may wrap what a bean threw; the typed exception carries the step and the clearest message
    private static IngestException ingestExceptionIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IngestException ie) {
                return ie;
            }
        }
        return null;
    }

    /** A one-line, human-readable reason: the exception's own message, with its root cause when different. */
    static String reasonOf(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        // new RuntimeException(cause) takes cause.toString() as its message, class name included: skip such wrappers
        Throwable top = error;
        while (top.getCause() != null && top.getCause() != top
                && (top.getMessage() == null || top.getMessage().equals(top.getCause().toString()))) {
            top = top.getCause();
        }
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = top.getMessage() == null ? top.getClass().getSimpleName() : top.getMessage();
        if (root != top && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getMessage();
        }
        // parser messages span lines; the ledger and the log keep one
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
