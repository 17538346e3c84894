package io.caravan.ingest.s3;

import io.caravan.index.HybridIndex;
import io.caravan.ingest.AclRelabeller;
import io.caravan.ingest.DocumentLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Set;
import java.util.TreeSet;

/**
 * Removes from the index the documents whose objects left the bucket (under the prefix), by listing it: the index
 * mirrors the bucket, and nothing in the bucket is ever touched. Then re-labels every document of the bucket whose
 * ACL in the ledger is not the one the rules give it now (docs/channels-and-sources.md#re-labelling). Thread safe if not run concurrently with itself
 * (the timer route runs it on one thread).
 */
public class S3BucketReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(S3BucketReconciler.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final HybridIndex index;
    private final DocumentLedger ledger;
    private final S3ObjectReader reader;
    private final AclRelabeller relabeller;

    /**
     * @param reader     gives each object's ACL now
     * @param relabeller re-labels documents whose ACL changed (the pipeline's, so each is re-labelled once)
     */
    public S3BucketReconciler(S3Client s3, String bucket, String prefix, HybridIndex index, DocumentLedger ledger,
                              S3ObjectReader reader, AclRelabeller relabeller) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.index = index;
        this.ledger = ledger;
        this.reader = reader;
        this.relabeller = relabeller;
    }

    /**
     * Deletes documents of the bucket whose objects no longer exist, then re-labels those whose ACL changed;
     * returns how many were deleted.
     */
    public int reconcile() {
        int removed = removeDeparted();
        String ours = S3ObjectReader.docIdOf(bucket, prefix);
        relabeller.relabelAll(S3ObjectReader.SOURCE,
                docId -> docId.startsWith(ours) ? reader.aclOfDocId(docId) : null);
        return removed;
    }

    private int removeDeparted() {
        // listed first: a failed listing throws before anything is deleted
        Set<String> present = new TreeSet<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                .contents().stream().map(S3Object::key).filter(key -> !S3ObjectReader.isFolder(key))
                .forEach(key -> present.add(S3ObjectReader.docIdOf(bucket, key)));
        String ours = S3ObjectReader.docIdOf(bucket, prefix);
        // the index is the truth (a crash may have left it ahead of the ledger); the ledger adds failed documents
        Set<String> known = new TreeSet<>();
        ledger.liveDocIds(S3ObjectReader.SOURCE).stream().filter(id -> id.startsWith(ours)).forEach(known::add);
        index.documentHashes().keySet().stream().filter(id -> id.startsWith(ours)).forEach(known::add);
        int removed = 0;
        for (String docId : known) {
            if (!present.contains(docId)) {
                index.delete(docId);
                ledger.markDeleted(docId);
                // a new object under the same key is read again whatever its ETag
                ledger.recordSourceVersion(docId, null);
                LOG.info("document removed from index docId={} reason=\"object left the bucket\"", docId);
                removed++;
            }
        }
        return removed;
    }
}
