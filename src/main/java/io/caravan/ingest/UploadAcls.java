package io.caravan.ingest;

import io.caravan.auth.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL chosen when a document was uploaded, kept durably beside it in the share as a hidden sidecar
 * ({@code uploads/N} → {@code uploads/.N.acl}, one line of comma-separated groups), so the file source labels the
 * upload with it rather than with the rules, also after a restart (docs/channels-and-sources.md#document-acls).
 * The file route and {@link ShareFiles} never read names starting with a dot, so the sidecar is never ingested.
 * Only documents directly in {@link #FOLDER} have one. Thread safe: each write is an atomic rename of a synced file.
 */
public class UploadAcls {

    /** The share's folder uploads land in (the documents API's {@code uploads}). */
    public static final String FOLDER = "uploads";

    private static final String SUFFIX = ".acl";
    private static final Logger LOG = LoggerFactory.getLogger(UploadAcls.class);

    private final Path share;

    /** @param share the file share's root */
    public UploadAcls(Path share) {
        this.share = share;
    }

    /**
     * Stores the ACL chosen for an upload; call it before the upload's file appears in the share, so that the file
     * source never reads the file without its ACL. Durable on return.
     *
     * @param docId the upload's docId, {@code uploads/<name>}
     * @param acl   its groups: at least one, each a group name, never {@link Identity#EVERY_GROUP}
     * @throws IllegalArgumentException for a docId outside {@link #FOLDER} or an invalid ACL
     */
    public void write(String docId, List<String> acl) {
        Path sidecar = sidecarOf(docId)
                .orElseThrow(() -> new IllegalArgumentException("\"" + docId + "\" is not an upload's docId ("
                        + FOLDER + "/<name>)"));
        byte[] line = (String.join(",", checked(acl)) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            Path folder = Files.createDirectories(sidecar.getParent());
            // hidden too, so that a crash never leaves a file the route would read
            temp = Files.createTempFile(folder, sidecar.getFileName() + ".", ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
            Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(folder);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new UncheckedIOException("cannot store the ACL of upload " + docId, e);
        }
    }

    /** The ACL stored for the upload {@code docId}, or empty when it is no upload or has none. */
    public Optional<List<String>> read(String docId) {
        Optional<Path> sidecar = sidecarOf(docId);
        if (sidecar.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(sidecar.get(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACL of upload " + docId, e);
        }
        List<String> acl = new ArrayList<>();
        for (String group : text.strip().split(",")) {
            if (!group.isBlank()) {
                acl.add(group.strip());
            }
        }
        try {
            return Optional.of(checked(acl));
        } catch (IllegalArgumentException e) {
            // a hand-edited sidecar must not widen access; the document fails rather than falls back to the rules
            throw new IngestException("read", "the ACL stored for upload " + docId + " in " + sidecar.get()
                    + " is invalid: " + e.getMessage());
        }
    }

    /**
     * Removes the ACLs of uploads whose files left the share, except those written within {@code grace}: an upload
     * of the same name may be on its way in (its ACL precedes its file). For mirror mode only: in drop-box mode an
     * upload's file leaves on purpose and its ACL stays in force.
     *
     * @param present the docIds of the files in the share
     * @return how many were removed
     */
    public int removeOrphans(Set<String> present, Duration grace) {
        Path folder = share.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        Instant writtenBefore = Instant.now().minus(grace);
        int removed = 0;
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(folder, ".*" + SUFFIX)) {
            for (Path sidecar : sidecars) {
                String name = sidecar.getFileName().toString();
                String docId = FOLDER + "/" + name.substring(1, name.length() - SUFFIX.length());
                if (!present.contains(docId) && Files.isRegularFile(sidecar)
                        && Files.getLastModifiedTime(sidecar).toInstant().isBefore(writtenBefore)
                        && Files.deleteIfExists(sidecar)) {
                    LOG.info("upload ACL removed docId={} reason=\"file left the share\"", docId);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the upload ACLs of " + folder, e);
        }
        return removed;
    }

    /** The sidecar of an upload's docId ({@code uploads/<name>}), or empty for any other docId. */
    Optional<Path> sidecarOf(String docId) {
        String prefix = FOLDER + "/";
        if (docId == null || !docId.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = docId.substring(prefix.length());
        if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(share.resolve(FOLDER).resolve("." + name + SUFFIX));
    }

    private static List<String> checked(List<String> acl) {
        if (acl == null || acl.isEmpty()) {
            throw new IllegalArgumentException("an upload's ACL must name at least one group");
        }
        for (String group : acl) {
            if (Identity.EVERY_GROUP.equals(group)) {
                throw new IllegalArgumentException("\"" + Identity.EVERY_GROUP + "\" cannot label a document");
            }
            Identity.requireGroupName(group);
        }
        return List.copyOf(acl);
    }

    // the rename is durable only once the folder's entry is; not every platform can open a folder to sync it
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file's own content was synced before the rename
        }
    }

    private static void deleteQuietly(Path temp, IOException failure) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
