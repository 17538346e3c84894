package io.caravan.index.lucene;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable with as few commits as possible: callers that wrote concurrently share one commit.
 * A caller passes the sequence number IndexWriter returned for its last operation; if a commit that already
 * covers it has finished, the call returns at once, otherwise the caller waits for the commit lock and commits
 * everything completed so far, its own writes and those of the callers queued behind it. Thread safe.
 */
final class GroupCommitter {

    /** One durable commit (and whatever must follow it); returns the sequence number of the last operation it covers. */
    @FunctionalInterface
    interface CommitAction {
        long commit() throws IOException;
    }

    private final CommitAction action;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong durableSeqNo = new AtomicLong(-1);
    private final AtomicLong commits = new AtomicLong();

    GroupCommitter(CommitAction action) {
        this.action = action;
    }

    /** Returns once a commit covering every operation with a sequence number up to {@code seqNo} has finished. */
    void awaitDurable(long seqNo) throws IOException {
        if (durableSeqNo.get() >= seqNo) {
            return;
        }
        lock.lock();
        try {
            // Re-check: the commit we waited behind may have covered us.
            if (durableSeqNo.get() >= seqNo) {
                return;
            }
            long covered = action.commit();
            commits.incrementAndGet();
            // Our own operation completed before we asked, so this commit includes it whatever Lucene reports;
            // for others we trust only the reported number, since operations may complete out of order.
            durableSeqNo.accumulateAndGet(covered, Math::max);
        } finally {
            lock.unlock();
        }
    }

    /** Commits regardless of sequence numbers (on close, or for changes that have none, like commit data). */
    void commitNow() throws IOException {
        lock.lock();
        try {
            long covered = action.commit();
            commits.incrementAndGet();
            durableSeqNo.accumulateAndGet(covered, Math::max);
        } finally {
            lock.unlock();
        }
    }

    /** How many commits were made, for measurements. */
    long commitCount() {
        return commits.get();
    }
}
