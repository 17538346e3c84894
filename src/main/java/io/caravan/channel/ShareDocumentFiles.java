package io.caravan.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the file of a file-share document from its docId (its path relative to the share, forward slashes; see
 * {@code FileSourceReader.docIdOf}), and only ever a regular file under the share: a docId that is absolute,
 * climbs out with {@code ..}, or names a symbolic link (or a link in its path) leading out of the share has no
 * file. In drop-box mode an ingested file has moved to {@code .done/} or {@code .error/} under the share
 * (docs/channels-and-sources.md), so those are looked in too. Thread safe: it holds the root only.
 */
public class ShareDocumentFiles {

    // where drop-box mode moves a file once it is indexed or quarantined (routes/source-file.camel.yaml)
    private static final List<String> OUTCOME_FOLDERS = List.of("", ".done/", ".error/");

    private final Path share;

    public ShareDocumentFiles(Path share) {
        this.share = share;
    }

    /** The file of {@code docId}, when one exists under the share; empty when there is none or it would be outside. */
    public Optional<Path> find(String docId) {
        if (docId == null || docId.isEmpty() || docId.indexOf('\0') >= 0 || docId.startsWith("/")
                || docId.contains("\\") || docId.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        Path root;
        try {
            root = share.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String folder : OUTCOME_FOLDERS) {
            Optional<Path> file = within(root, folder + docId);
            if (file.isPresent()) {
                return file;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> within(Path root, String relative) {
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (RuntimeException e) {
            // an invalid path on this file system is no file of the share
            return Optional.empty();
        }
        if (!candidate.startsWith(root)) {
            return Optional.empty();
        }
        try {
            // links are followed (a missing or dangling one throws), then the real path must still be under the root
            Path real = candidate.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
