package io.caravan.index.lucene;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes appended writes durable with as few commits as possible, a commit here being the {@link Translog}'s fsync:
 * writers that write concurrently share one. A writer passes the sequence number of its last append; if a finished
 * commit already covers it, the call returns at once, otherwise the writer waits for the commit lock and commits
 * everything appended so far, its own writes and those of the writers queued behind it. Thread safe.
 *
 * <p>Before committing, the committing writer gives writers that are still appending a short moment to finish (at
 * most half the duration of the previous commit, and at most {@code maxGather}), so that a slow fsync is shared by
 * them too instead of being followed at once by a commit of theirs. On a fast disk the wait is tiny.
 */
final class GroupCommitter {

    /**
     * One durable commit (and whatever must follow it); returns the sequence number of the last operation it
     * covers.
     */
    @FunctionalInterface
    interface CommitAction {
        long commit() throws IOException;
    }

    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final CommitAction action;
    private final long maxGatherNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong durableSeqNo = new AtomicLong(-1);
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private volatile long lastCommitNanos;

    GroupCommitter(CommitAction action, Duration maxGather) {
        this.action = action;
        this.maxGatherNanos = maxGather.toNanos();
    }

    /** Registers a writer about to change the index; the returned write must be closed, also on failure. */
    Write beginWrite() {
        writing.incrementAndGet();
        return new Write();
    }

    /** How many commits were made, for measurements. */
    long commitCount() {
        return commits.get();
    }

    private void awaitDurable(long seqNo) throws IOException {
        if (durableSeqNo.get() >= seqNo) {
            return;
        }
        lock.lock();
        try {
            // Re-check: the commit we waited behind may have covered us.
            if (durableSeqNo.get() >= seqNo) {
                return;
            }
            gatherWritersInProgress();
            commitLocked();
        } finally {
            lock.unlock();
        }
    }

    private void gatherWritersInProgress() {
        long budget = Math.min(lastCommitNanos / 2, maxGatherNanos);
        long start = System.nanoTime();
        while (writing.get() > 0 && System.nanoTime() - start < budget) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void commitLocked() throws IOException {
        long start = System.nanoTime();
        long covered = action.commit();
        lastCommitNanos = System.nanoTime() - start;
        commits.incrementAndGet();
        // The action reports the last operation the commit includes; operations may complete out of order, so
        // nothing above that number is taken as durable (the caller's own operation is at or below it).
        durableSeqNo.accumulateAndGet(covered, Math::max);
    }

    /** One writer's changes in progress: indexing until {@link #awaitDurable}, then waiting for a commit. */
    final class Write implements AutoCloseable {
        private boolean indexing = true;

        private Write() {
        }

        /** Returns once a finished commit covers every operation numbered up to {@code seqNo}. */
        void awaitDurable(long seqNo) throws IOException {
            stopIndexing();
            GroupCommitter.this.awaitDurable(seqNo);
        }

        @Override
        public void close() {
            stopIndexing();
        }

        private void stopIndexing() {
            if (indexing) {
                indexing = false;
                writing.decrementAndGet();
            }
        }
    }
}
