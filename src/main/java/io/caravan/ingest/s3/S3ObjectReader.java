package io.caravan.ingest.s3;

import io.caravan.ingest.AclRules;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.IngestException;
import io.caravan.ingest.SourceDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one bucket into {@link SourceDocument}s ({@code s3://bucket/key}), labelled by the bucket's ACL
 * rules on the key, and skips an object whose ETag is the one last handed over (recorded in the ledger, so also
 * after a restart) without reading its bytes. Thread safe: it holds configuration and the thread-safe ledger.
 */
public class S3ObjectReader {

    /** Source name of documents from S3. */
    public static final String SOURCE = "s3";

    private final String bucket;
    private final long maxFileSizeBytes;
    private final AclRules rules;
    private final DocumentLedger ledger;

    /** A reader labelling every object with {@code acl}, without rules. */
    public S3ObjectReader(String bucket, long maxFileSizeBytes, List<String> acl, DocumentLedger ledger) {
        this(bucket, maxFileSizeBytes, AclRules.none(acl), ledger);
    }

    /** @param rules the bucket's ACL rules, on the object key (docs/channels-and-sources.md#document-acls) */
    public S3ObjectReader(String bucket, long maxFileSizeBytes, AclRules rules, DocumentLedger ledger) {
        this.bucket = bucket;
        this.maxFileSizeBytes = maxFileSizeBytes;
        this.rules = rules;
        this.ledger = ledger;
    }

    /** The ACL of the object {@code key}: the first matching rule's groups, else the bucket's default. */
    public List<String> aclOf(String key) {
        return rules.aclOf(key);
    }

    /** The ACL of the document {@code docId} ({@code s3://bucket/key}), or {@code null} when not of this bucket. */
    public List<String> aclOfDocId(String docId) {
        String ours = docIdOf("");
        return docId != null && docId.startsWith(ours) ? aclOf(docId.substring(ours.length())) : null;
    }

    /** The docId of {@code key}: {@code s3://bucket/key}. */
    public String docIdOf(String key) {
        return docIdOf(bucket, key);
    }

    static String docIdOf(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Whether the object is the version last handed over (its ETag is the one recorded) or a folder marker. */
    public boolean isUnchanged(String key, String eTag) {
        return isFolder(key) || eTag != null && eTag.equals(ledger.sourceVersion(docIdOf(key)));
    }

    /** Whether {@code key} is a folder marker ({@code a/b/}), which holds no document. */
    static boolean isFolder(String key) {
        return key.endsWith("/");
    }

    /** Records that the object's version {@code eTag} was handed over (indexed, unchanged or quarantined). */
    public void handedOver(String key, String eTag) {
        if (eTag != null && !isFolder(key) && !isUnchanged(key, eTag)) {
            ledger.recordSourceVersion(docIdOf(key), eTag);
        }
    }

    /**
     * Reads the object, refusing one over the size limit before reading it.
     *
     * @param content       the object's bytes as S3 streams them
     * @param key           its key
     * @param contentLength its size as S3 lists it, or {@code null}
     * @param lastModified  when it last changed, or {@code null}
     */
    public SourceDocument read(InputStream content, String key, Long contentLength, Instant lastModified) {
        if (contentLength != null) {
            requireWithinLimit(contentLength);
        }
        try (InputStream in = content) {
            // one byte over the limit is enough to know, whatever the listing said
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSizeBytes + 1));
            requireWithinLimit(bytes.length);
            String name = key.substring(key.lastIndexOf('/') + 1);
            return new SourceDocument(docIdOf(key), SOURCE, name.isEmpty() ? key : name, bytes,
                    ContentHash.of(bytes), aclOf(key), lastModified);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + docIdOf(key), e);
        }
    }

    private void requireWithinLimit(long size) {
        if (size > maxFileSizeBytes) {
            throw new IngestException("read", "object is " + size + " bytes, over the limit of " + maxFileSizeBytes
                    + " (caravan.ingest.max-file-size)");
        }
    }

}
