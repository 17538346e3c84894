package io.caravan.index.lucene;

import io.caravan.index.IndexReplacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * Replaces the Lucene index of a data directory by one built in another data directory, together with the files
 * that describe it (the ingestion ledger). Lucene cannot switch under a running Caravan, so the live index must be
 * free: its write lock is probed first. Each entry is moved aside ({@code <name>.old}) before the new one moves
 * in, so a failure midway leaves the old entries to put back by hand. Not thread safe.
 */
public final class LuceneIndexReplacement implements IndexReplacement {

    /** The index's directory inside a data directory. */
    public static final String INDEX_DIRECTORY = "index";

    private final Path liveDataDir;
    private final Path builtDataDir;
    private final List<String> entries = new ArrayList<>();

    /**
     * @param liveDataDir  the data directory Caravan serves from
     * @param builtDataDir the data directory the new index was built in
     * @param companions   files of the data directory replaced with the index (the ledger's file name)
     */
    public LuceneIndexReplacement(Path liveDataDir, Path builtDataDir, String... companions) {
        this.liveDataDir = liveDataDir;
        this.builtDataDir = builtDataDir;
        entries.add(INDEX_DIRECTORY);
        entries.addAll(List.of(companions));
    }

    @Override
    public boolean replacesWhileServing() {
        return false;
    }

    /** @throws IllegalStateException while a running Caravan holds the live index's write lock */
    @Override
    public void checkReplaceable() throws IOException {
        Path live = liveDataDir.resolve(INDEX_DIRECTORY);
        if (isLocked(live)) {
            throw new IllegalStateException(live + " is in use; stop Caravan first (on Lucene the rebuilt index "
                    + "replaces the live one)");
        }
    }

    @Override
    public void replace() throws IOException {
        for (String entry : entries) {
            Path live = liveDataDir.resolve(entry);
            Path old = liveDataDir.resolve(entry + ".old");
            IOUtils.rm(old);
            if (Files.exists(live)) {
                Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(builtDataDir.resolve(entry), live, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public String dropOld() throws IOException {
        for (String entry : entries) {
            IOUtils.rm(liveDataDir.resolve(entry + ".old"));
        }
        return "index " + liveDataDir.resolve(INDEX_DIRECTORY) + " rebuilt and replaced";
    }

    /** Whether a running Caravan holds the index's write lock (an OS lock, so none survives a crash). */
    private static boolean isLocked(Path index) throws IOException {
        if (!Files.isDirectory(index)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(index);
             Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            return false;
        } catch (LockObtainFailedException e) {
            return true;
        }
    }
}
