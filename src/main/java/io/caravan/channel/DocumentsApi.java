package io.caravan.channel;

import io.caravan.index.HybridIndex;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.FileSourceReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documents resource: list, show, delete, and upload into the share so the file route ingests it.
 * Thread safe.
 */
public class DocumentsApi {

    /** Folder of the share that uploads land in; uploaded docIds start with it. */
    public static final String UPLOADS = "uploads";
    private static final Pattern SAFE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]{0,199}");

    private final DocumentLedger ledger;
    private final HybridIndex index;
    private final Path share;
    private final long maxFileSizeBytes;

    public DocumentsApi(DocumentLedger ledger, HybridIndex index, Path share, long maxFileSizeBytes) {
        this.ledger = ledger;
        this.index = index;
        this.share = share;
        this.maxFileSizeBytes = maxFileSizeBytes;
    }

    /** Every document the ledger knows, with counts per status. */
    public DocumentList list() {
        return DocumentList.of(ledger.list());
    }

    /** One document. @throws ApiException 404 when unknown */
    public DocumentRecord get(String docId) {
        return ledger.find(docId).orElseThrow(() -> unknown(docId));
    }

    /** Removes the document's chunks from the index; the source item stays. @throws ApiException 404 when unknown */
    public DocumentRecord delete(String docId) {
        get(docId);
        index.delete(docId);
        return ledger.markDeleted(docId).orElseThrow(() -> unknown(docId));
    }

    /**
     * Stores an uploaded document, the raw bytes of {@code content} as they are, in the share's uploads folder; the
     * file route indexes it. The name is checked before the body is read, and at most one byte over the size limit
     * is read. The file appears by an atomic rename, so the route never reads it half-written. Closes
     * {@code content}.
     *
     * @return {@code {"docId"}}
     * @throws ApiException 400 for a missing or unsafe name or an empty body, 413 when over the size limit
     */
    public Map<String, String> upload(InputStream content, String name) {
        try (InputStream body = content) {
            if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
                throw ApiException.badRequest("query parameter \"name\" must be a plain file name such as "
                        + "report.pdf (letters, digits, space, . _ ( ) -; not starting with a dot)");
            }
            byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    maxFileSizeBytes + 1));
            if (bytes.length > maxFileSizeBytes) {
                throw ApiException.tooLarge("the document has more than " + maxFileSizeBytes
                        + " bytes, over the limit of " + maxFileSizeBytes + " (caravan.ingest.max-file-size)");
            }
            return store(bytes, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + UPLOADS + "/" + name, e);
        }
    }

    private Map<String, String> store(byte[] content, String name) {
        if (content.length == 0) {
            throw ApiException.badRequest("the request body is empty: send the document's bytes");
        }
        String docId = UPLOADS + "/" + name;
        Path temp = null;
        try {
            Path folder = Files.createDirectories(share.resolve(UPLOADS));
            temp = Files.createTempFile(folder, ".upload-", ".part");
            Files.write(temp, content);
            Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a failed upload must not leave its partial copy in the share for good
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new UncheckedIOException("cannot store upload " + docId, e);
        }
        ledger.markPending(docId, FileSourceReader.SOURCE, ContentHash.of(content));
        return Map.of("docId", docId);
    }

    private static ApiException unknown(String docId) {
        return ApiException.notFound("no document with docId \"" + docId + "\"");
    }
}
