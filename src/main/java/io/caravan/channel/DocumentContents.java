package io.caravan.channel;

import io.caravan.auth.Identity;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.mail.MailboxReader;
import io.caravan.ingest.s3.S3ObjectReader;
import org.apache.tika.Tika;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The source bytes of a document a caller may see, for {@code GET /api/documents/{docId}/content}
 * (docs/http-api.md#document-content): from the file share or the S3 bucket, with its media type detected by Tika.
 * Visibility is decided by {@link DocumentsApi#get}, so a document the caller may not see is as unknown as one that
 * does not exist. Thread safe: it holds configuration and thread-safe clients, and makes a Tika per call.
 */
public class DocumentContents {

    private final DocumentsApi documents;
    private final ShareDocumentFiles share;
    private final S3Client s3;
    private final String bucket;
    private final long maxFileSizeBytes;

    /**
     * @param s3     the client of the S3 source, or {@code null} without one
     * @param bucket the S3 source's bucket: objects of no other bucket are read
     */
    public DocumentContents(DocumentsApi documents, ShareDocumentFiles share, S3Client s3, String bucket,
                            long maxFileSizeBytes) {
        this.documents = documents;
        this.share = share;
        this.s3 = s3;
        this.bucket = bucket;
        this.maxFileSizeBytes = maxFileSizeBytes;
    }

    /**
     * The content of {@code docId}.
     *
     * @throws ApiException 404 {@code not_found} when unknown or not visible, or of a mailbox; 404 {@code gone} when
     *                      its source item no longer exists; 413 when over caravan.ingest.max-file-size
     */
    public DocumentContent read(String docId, Identity caller, String requestId) {
        DocumentRecord record = documents.get(docId, caller, requestId);
        String source = record.source() == null ? "" : record.source();
        return switch (source) {
            case FileSourceReader.SOURCE -> fromShare(docId);
            case S3ObjectReader.SOURCE -> fromS3(docId);
            case MailboxReader.SOURCE -> throw ApiException.notFound("the content of mailbox documents is not kept: "
                    + "only their text is indexed");
            default -> throw ApiException.notFound("the content of " + source + " documents cannot be served");
        };
    }

    private DocumentContent fromShare(String docId) {
        Path file = share.find(docId).orElseThrow(() -> gone(docId, "the file is no longer in the share"));
        try {
            requireWithinLimit(Files.size(file));
            byte[] bytes = Files.readAllBytes(file);
            // the file may have grown between the check and the read
            requireWithinLimit(bytes.length);
            return content(nameOf(docId), bytes);
        } catch (java.nio.file.NoSuchFileException e) {
            throw gone(docId, "the file is no longer in the share");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the content of " + docId, e);
        }
    }

    private DocumentContent fromS3(String docId) {
        String ours = "s3://" + bucket + "/";
        if (s3 == null || bucket == null || !docId.startsWith(ours) || docId.length() == ours.length()) {
            throw gone(docId, "its bucket is not the S3 source's bucket (caravan.sources.s3.bucket)");
        }
        String key = docId.substring(ours.length());
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(r -> r.bucket(bucket).key(key))) {
            Long length = object.response().contentLength();
            if (length != null) {
                requireWithinLimit(length);
            }
            byte[] bytes = readAtMostOneOver(object);
            requireWithinLimit(bytes.length);
            return content(nameOf(key), bytes);
        } catch (NoSuchKeyException e) {
            throw gone(docId, "the object is no longer in the bucket");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the content of " + docId, e);
        }
    }

    // one byte over the limit is enough to know, whatever the listing said
    private byte[] readAtMostOneOver(InputStream in) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSizeBytes + 1));
    }

    private static DocumentContent content(String name, byte[] bytes) {
        return new DocumentContent(name, new Tika().detect(bytes, name), bytes);
    }

    private static String nameOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? path : name;
    }

    private void requireWithinLimit(long size) {
        if (size > maxFileSizeBytes) {
            throw ApiException.tooLarge("the document is " + size + " bytes, over the limit of " + maxFileSizeBytes
                    + " (caravan.ingest.max-file-size)");
        }
    }

    private static ApiException gone(String docId, String why) {
        return new ApiException(404, "gone", "document \"" + docId + "\" is known but its source item is gone: "
                + why);
    }
}
