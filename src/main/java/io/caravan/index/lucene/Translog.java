package io.caravan.index.lucene;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of a {@link LuceneHybridIndex}: every write is appended here and fsync'd (concurrent writers
 * share one fsync through a {@link GroupCommitter}) before it is acknowledged, so the expensive Lucene commit
 * (a new segment, an fsync per file, merges later) can happen every few seconds instead of per write. Files are
 * numbered generations {@code translog-<n>.tlog} in the index directory (Lucene ignores files that are not its
 * own); the Lucene commit records the first generation it does not cover, and start-up replays from there.
 *
 * <p>A record is {@code int length, int crc32c, payload}; a torn record at the tail of a file (the process died
 * while writing it, so it was never acknowledged) ends the replay of that file.
 *
 * <p>Not thread safe on its own: {@link #append} and {@link #roll} must be called under the index's write lock,
 * which also keeps the log in the order the operations were applied. {@link #beginWrite} and the
 * {@link GroupCommitter.Write} it returns are thread safe.
 */
final class Translog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Translog.class);
    private static final Pattern NAME = Pattern.compile("translog-(\\d+)\\.tlog");
    private static final int HEADER_BYTES = 8;
    /** Larger lengths are a torn or foreign header, not a record (a batch of 64 MB is far beyond any write). */
    private static final int MAX_RECORD_BYTES = 256 * 1024 * 1024;
    private static final Duration MAX_SYNC_GATHER = Duration.ofMillis(10);

    private final Path directory;
    private final GroupCommitter syncer;
    private volatile FileChannel channel;
    private long generation;
    private volatile long appended;

    private Translog(Path directory, long generation) throws IOException {
        this.directory = directory;
        this.generation = generation;
        this.channel = create(directory, generation);
        this.syncer = new GroupCommitter(this::sync, MAX_SYNC_GATHER);
    }

    /** Starts a new, empty generation after every existing one and after {@code atLeast - 1}. */
    static Translog start(Path directory, long atLeast) throws IOException {
        long last = generations(directory).stream().mapToLong(Long::longValue).max().orElse(0);
        return new Translog(directory, Math.max(last + 1, atLeast));
    }

    /** fsyncs made so far, each covering every record appended before it. */
    long syncCount() {
        return syncer.commitCount();
    }

    /** Registers a writer about to append, so a sync in progress may wait for it; see {@link GroupCommitter}. */
    GroupCommitter.Write beginWrite() {
        return syncer.beginWrite();
    }

    /** Appends one record (not yet durable) and returns its sequence number for {@link GroupCommitter.Write#awaitDurable}. */
    long append(byte[] payload) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return ++appended;
    }

    /**
     * Makes the current generation durable, closes it and starts the next one; returns the new generation.
     * Everything appended before is then in older generations, which a Lucene commit started after this covers.
     */
    long roll() throws IOException {
        FileChannel old = channel;
        old.force(false);
        channel = create(directory, generation + 1);
        generation++;
        old.close();
        return generation;
    }

    /** Deletes the generations before {@code generation}: a Lucene commit covers them. */
    void deleteBefore(long firstKept) throws IOException {
        for (long g : generations(directory)) {
            if (g < firstKept) {
                Files.deleteIfExists(file(directory, g));
            }
        }
    }

    @Override
    public void close() throws IOException {
        FileChannel current = channel;
        try {
            current.force(false);
        } finally {
            current.close();
        }
    }

    /**
     * Feeds every intact record of the generations at or after {@code from}, oldest first, to {@code apply};
     * returns how many were replayed.
     */
    static int replay(Path directory, long from, Consumer<TranslogCodec.Operation> apply) throws IOException {
        int replayed = 0;
        for (long g : generations(directory)) {
            if (g >= from) {
                replayed += replayFile(file(directory, g), apply);
            }
        }
        return replayed;
    }

    /** Whether any generation at or after {@code from} exists. */
    static boolean hasGenerationsFrom(Path directory, long from) throws IOException {
        return generations(directory).stream().anyMatch(g -> g >= from);
    }

    private static int replayFile(Path file, Consumer<TranslogCodec.Operation> apply) throws IOException {
        int replayed = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int length;
                int checksum;
                try {
                    length = in.readInt();
                    checksum = in.readInt();
                } catch (EOFException end) {
                    return replayed;
                }
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    LOG.warn("translog {} ends with a torn record header after {} records; the rest is ignored",
                            file.getFileName(), replayed);
                    return replayed;
                }
                byte[] payload = in.readNBytes(length);
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if (payload.length < length || (int) crc.getValue() != checksum) {
                    LOG.warn("translog {} ends with a torn record after {} records; it was never acknowledged "
                            + "and is ignored", file.getFileName(), replayed);
                    return replayed;
                }
                apply.accept(TranslogCodec.decode(payload));
                replayed++;
            }
        }
    }

    private long sync() throws IOException {
        long covered = appended;
        try {
            channel.force(false);
        } catch (ClosedChannelException rolled) {
            // The channel read above was rolled or closed meanwhile; both force it first, and every record
            // counted in `covered` was appended to it before the switch (appends follow the switch).
        }
        return covered;
    }

    private static FileChannel create(Path directory, long generation) throws IOException {
        FileChannel created = FileChannel.open(file(directory, generation), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        // the new file's directory entry must survive a crash too, or its acknowledged records would vanish
        IOUtils.fsync(directory, true);
        return created;
    }

    private static Path file(Path directory, long generation) {
        return directory.resolve(String.format("translog-%06d.tlog", generation));
    }

    private static List<Long> generations(Path directory) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.add(Long.parseLong(m.group(1)));
                }
            });
        }
        found.sort(null);
        return found;
    }
}
