package io.caravan.channel;

import io.caravan.auth.AuditLog;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.caravan.index.HybridIndex;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.UploadAcls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The documents resource: list, show, delete, and upload into the share so the file route ingests it. A caller
 * sees only the documents whose ACL meets its groups (docs/http-api.md#documents); one it may not see is as unknown
 * as one that does not exist. Thread safe.
 */
public class DocumentsApi {

    /** Folder of the share that uploads land in; uploaded docIds start with it. */
    public static final String UPLOADS = UploadAcls.FOLDER;
    private static final Pattern SAFE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]{0,199}");

    private final DocumentLedger ledger;
    private final HybridIndex index;
    private final Path share;
    private final long maxFileSizeBytes;
    private final AuditLog audit;
    private final UploadAcls uploadAcls;

    /**
     * @param uploadAcls where an upload's ACL is kept beside it in the share
     * @param audit      records the requests refused for a document the caller may not see
     */
    public DocumentsApi(DocumentLedger ledger, HybridIndex index, Path share, long maxFileSizeBytes,
                        UploadAcls uploadAcls, AuditLog audit) {
        this.audit = audit;
        this.uploadAcls = uploadAcls;
        this.ledger = ledger;
        this.index = index;
        this.share = share;
        this.maxFileSizeBytes = maxFileSizeBytes;
    }

    /** The first page of the documents {@code caller} may see, with counts per status. */
    public DocumentList list(Identity caller) {
        return list(caller, DocumentQuery.FIRST_PAGE);
    }

    /**
     * The page {@code query} asks for of the documents {@code caller} may see, ordered by docId, with counts per
     * status over all of them (docs/http-api.md#documents).
     */
    public DocumentList list(Identity caller, DocumentQuery query) {
        return DocumentList.of(() -> visibleTo(caller), query);
    }

    // a walk, not list(): the pass holds one page of the ledger at a time (docs/architecture.md#index-engines)
    private Iterator<DocumentRecord> visibleTo(Identity caller) {
        Spliterator<DocumentRecord> all = Spliterators.spliteratorUnknownSize(ledger.walk(),
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(all, false).filter(r -> maySee(caller, r)).iterator();
    }

    /**
     * Up to {@code size} documents {@code caller} may see with {@code status}, in docId order, from the first docId
     * after {@code afterDocId} ({@code null}: from the first): a page that a cursor can resume however the ledger
     * grows meanwhile (the MCP channel's resources; docs/mcp.md#resources).
     */
    public List<DocumentRecord> page(Identity caller, DocumentStatus status, String afterDocId, int size) {
        List<DocumentRecord> page = new ArrayList<>();
        for (Iterator<DocumentRecord> records = visibleTo(caller); records.hasNext() && page.size() < size; ) {
            DocumentRecord record = records.next();
            if (record.status() == status && (afterDocId == null || record.docId().compareTo(afterDocId) > 0)) {
                page.add(record);
            }
        }
        return page;
    }

    /** {@code GET /api/documents?status=&q=&page=&size=}: the parameters as the request gives them. */
    public DocumentList list(Identity caller, String status, String q, String page, String size) {
        return list(caller, DocumentQuery.read(status, q, page, size));
    }

    /** One document {@code caller} may see, asked over HTTP; see {@link #get(String, Identity, String, String)}. */
    public DocumentRecord get(String docId, Identity caller, String requestId) {
        return get(docId, caller, requestId, "http");
    }

    /**
     * One document {@code caller} may see.
     *
     * @param channel where the request came from, for the audit log's line when it is refused ({@code http}, {@code mcp})
     * @throws ApiException 404 when unknown, and when the caller may not see it: a 403 would tell it exists
     */
    public DocumentRecord get(String docId, Identity caller, String requestId, String channel) {
        DocumentRecord record = ledger.find(docId).orElseThrow(() -> unknown(docId));
        if (!maySee(caller, record)) {
            audit.denied(requestId, channel, "not_visible", caller.principal());
            throw unknown(docId);
        }
        return record;
    }

    /**
     * Removes the chunks of a document {@code caller} may see from the index; the source item stays. The role is
     * checked by the route (editor).
     *
     * @throws ApiException 404 when unknown or not visible to the caller
     */
    public DocumentRecord delete(String docId, Identity caller, String requestId) {
        get(docId, caller, requestId);
        index.delete(docId);
        return ledger.markDeleted(docId).orElseThrow(() -> unknown(docId));
    }

    // a record from before ledgers kept ACLs is an admin's until the start-up reconcile labels it
    private static boolean maySee(Identity caller, DocumentRecord record) {
        return record.acl() == null ? caller.has(Role.ADMIN) : caller.maySee(record.acl());
    }

    /**
     * Stores an uploaded document, the raw bytes of {@code content} as they are, in the share's uploads folder; the
     * file route indexes it with the ACL chosen here. The name and ACL are checked before the body is read, and at
     * most one byte over the size limit is read. The file appears by an atomic rename, so the route never reads it
     * half-written. Closes {@code content}. The role is checked by the route (editor).
     *
     * @param acl    comma-separated groups that may see the document, each one of the uploader's (an admin may name
     *               any); {@code null} or blank: the uploader's groups
     * @return {@code {"docId"}}
     * @throws ApiException 400 for a missing or unsafe name, a bad ACL or an empty body, 403 to replace a document
     *                      the caller may not see, 413 when over the size limit
     */
    public Map<String, String> upload(InputStream content, String name, String acl, Identity uploader) {
        try (InputStream body = content) {
            if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
                throw ApiException.badRequest("query parameter \"name\" must be a plain file name such as "
                        + "report.pdf (letters, digits, space, . _ ( ) -; not starting with a dot)");
            }
            List<String> groups = uploadAcl(acl, uploader);
            String docId = UPLOADS + "/" + name;
            ledger.find(docId).filter(r -> !maySee(uploader, r)).ifPresent(r -> {
                throw ApiException.forbidden("a document named " + name + " exists that you may not replace; "
                        + "choose another name");
            });
            byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    maxFileSizeBytes + 1));
            if (bytes.length > maxFileSizeBytes) {
                throw ApiException.tooLarge("the document has more than " + maxFileSizeBytes
                        + " bytes, over the limit of " + maxFileSizeBytes + " (caravan.ingest.max-file-size)");
            }
            return store(bytes, name, groups);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + UPLOADS + "/" + name, e);
        }
    }

    /** The ACL of an upload: the groups named, each one the uploader has (any for an admin), else its own. */
    private static List<String> uploadAcl(String acl, Identity uploader) {
        if (acl == null || acl.isBlank()) {
            if (uploader.groups().isEmpty()) {
                throw ApiException.badRequest("you are in no group: name the document's groups with acl=...");
            }
            return List.copyOf(uploader.groups());
        }
        List<String> groups = new ArrayList<>();
        for (String part : acl.split(",")) {
            String group = part.strip();
            if (group.isEmpty()) {
                continue;
            }
            if (!Identity.GROUP_NAME.matcher(group).matches()) {
                throw ApiException.badRequest("acl: \"" + group + "\" is not a group name (letters, digits and "
                        + ". _ @ : -)");
            }
            if (!uploader.has(Role.ADMIN) && !uploader.groups().contains(group)) {
                throw ApiException.badRequest("acl: you are not in group " + group + "; an upload's groups must "
                        + "be among yours (" + String.join(",", uploader.groups()) + ")");
            }
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        if (groups.isEmpty()) {
            throw ApiException.badRequest("acl names no group");
        }
        return List.copyOf(groups);
    }

    private Map<String, String> store(byte[] content, String name, List<String> acl) {
        if (content.length == 0) {
            throw ApiException.badRequest("the request body is empty: send the document's bytes");
        }
        String docId = UPLOADS + "/" + name;
        Path temp = null;
        try {
            Path folder = Files.createDirectories(share.resolve(UPLOADS));
            temp = Files.createTempFile(folder, ".upload-", ".part");
            Files.write(temp, content);
            // the ACL is durable before the file appears, so the file route never reads it under the rules' ACL
            uploadAcls.write(docId, acl);
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
        ledger.markPending(docId, FileSourceReader.SOURCE, ContentHash.of(content), acl);
        return Map.of("docId", docId);
    }

    private static ApiException unknown(String docId) {
        return ApiException.notFound("no document with docId \"" + docId + "\"");
    }
}
