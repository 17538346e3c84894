package io.caravan.ingest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a file of the share into a {@link SourceDocument}, refusing files over the size limit before reading them,
 * and labels it with its ACL: an upload's stored ACL, else the first matching rule's groups, else the share's
 * default (docs/channels-and-sources.md#document-acls). Thread safe: it holds configuration only.
 */
public class FileSourceReader {

    /** Source name of documents from the file share. */
    public static final String SOURCE = "file";

    private final long maxFileSizeBytes;
    private final AclRules rules;
    private final UploadAcls uploads;

    /** A reader labelling every document with {@code acl}, without rules or uploads' ACLs. */
    public FileSourceReader(long maxFileSizeBytes, List<String> acl) {
        this(maxFileSizeBytes, AclRules.none(acl), null);
    }

    /**
     * @param rules   the share's ACL rules, on the docId
     * @param uploads the ACLs stored for uploads, or {@code null} when there are none
     */
    public FileSourceReader(long maxFileSizeBytes, AclRules rules, UploadAcls uploads) {
        this.maxFileSizeBytes = maxFileSizeBytes;
        this.rules = rules;
        this.uploads = uploads;
    }

    /** The ACL of the document {@code docId} of the share: an upload's stored ACL beats the rules. */
    public List<String> aclOf(String docId) {
        if (uploads != null) {
            Optional<List<String>> uploaded = uploads.read(docId);
            if (uploaded.isPresent()) {
                return uploaded.get();
            }
        }
        return rules.aclOf(docId);
    }

    /**
     * Reads the file.
     *
     * @param file         the file on disk
     * @param relativePath its path relative to the share's root, which becomes the docId
     */
    public SourceDocument read(File file, String relativePath) {
        requireWithinLimit(file.length());
        try {
            byte[] content = Files.readAllBytes(file.toPath());
            // the file may have grown between the check and the read
            requireWithinLimit(content.length);
            String docId = docIdOf(relativePath);
            return new SourceDocument(docId, SOURCE, file.getName(), content, ContentHash.of(content),
                    aclOf(docId), Instant.ofEpochMilli(file.lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void requireWithinLimit(long size) {
        if (size > maxFileSizeBytes) {
            throw new IngestException("read", "file is " + size + " bytes, over the limit of " + maxFileSizeBytes
                    + " (caravan.ingest.max-file-size)");
        }
    }

    /** The docId of a path relative to the share root: forward slashes on every OS. */
    public static String docIdOf(String relativePath) {
        return relativePath.replace(File.separatorChar, '/');
    }
}
