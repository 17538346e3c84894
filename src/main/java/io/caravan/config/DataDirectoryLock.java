package io.caravan.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps one Caravan per data directory (docs/operations.md#scale-out): an OS lock on {@code <data-dir>/caravan.lock},
 * taken before anything in the directory is opened and held until the context stops. The index, the ledger and the
 * embedded broker's journal there belong to one process; a second one is refused with a message saying what to do,
 * before H2, Lucene or Artemis fail with their own lock errors. The OS drops the lock of a process that dies, so a
 * crash never leaves it behind.
 */
final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name in the data directory. */
    static final String FILE_NAME = "caravan.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for this process.
     *
     * @param store the configured store, named in the refusal ({@code lucene} cannot be shared at all)
     * @throws DataDirectoryInUseException when another Caravan holds it
     */
    static DataDirectoryLock acquire(Path dataDir, String store) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirectoryInUseException(refusal(file, store));
            }
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot lock the data directory " + dataDir + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            // another Caravan in this JVM holds it
            return null;
        }
    }

    private static String refusal(Path file, String store) {
        String advice = "lucene".equals(store)
                ? "the Lucene store serves one instance; to run several, use caravan.store=elasticsearch with its own "
                        + "caravan.data-dir per instance"
                : "give each instance its own caravan.data-dir";
        return "the data directory " + file.getParent() + " is in use by another Caravan (it holds the lock " + file
                + "); " + advice;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
