package io.caravan.ingest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/**
 * Reads a file of the share into a {@link SourceDocument}, refusing files over the size limit before reading them.
 * Thread safe: it holds configuration only.
 */
public class FileSourceReader {

    /** Source name of documents from the file share. */
    public static final String SOURCE = "file";

    private final long maxFileSizeBytes;
    private final List<String> acl;

    public FileSourceReader(long maxFileSizeBytes, List<String> acl) {
        this.maxFileSizeBytes = maxFileSizeBytes;
        this.acl = List.copyOf(acl);
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
            return new SourceDocument(docIdOf(relativePath), SOURCE, file.getName(), content, ContentHash.of(content),
                    acl, Instant.ofEpochMilli(file.lastModified()));
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
