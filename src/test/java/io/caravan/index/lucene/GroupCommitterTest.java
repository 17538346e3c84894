package io.caravan.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    /** A fake commit that covers every operation completed so far and can be held open. */
    private final AtomicLong completedSeqNo = new AtomicLong();
    private final AtomicInteger commits = new AtomicInteger();
    private final CountDownLatch firstCommitEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);

    private final GroupCommitter committer = new GroupCommitter(() -> {
        long covered = completedSeqNo.get();
        if (commits.incrementAndGet() == 1) {
            firstCommitEntered.countDown();
            await(releaseFirstCommit);
        }
        return covered;
    }, Duration.ofSeconds(10));

    @Test
    void should_let_writers_queued_behind_a_commit_share_the_next_one() throws Exception {
        // given: writer A's commit (covering seqNo 1) is in progress
        completedSeqNo.set(1);
        Thread a = start(() -> write(1));
        assertThat(firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        // and writers B and C completed operations 2 and 3 and wait for durability
        completedSeqNo.set(3);
        Thread b = start(() -> write(2));
        Thread c = start(() -> write(3));
        awaitState(b, Thread.State.WAITING);
        awaitState(c, Thread.State.WAITING);

        // when
        releaseFirstCommit.countDown();
        a.join(10_000);
        b.join(10_000);
        c.join(10_000);

        // then: one commit for A, one shared by B and C
        assertThat(commits.get()).isEqualTo(2);
    }

    @Test
    void should_not_commit_when_a_finished_commit_already_covers_the_operation() throws Exception {
        // given
        releaseFirstCommit.countDown();
        completedSeqNo.set(5);
        write(5);

        // when
        write(4);
        write(5);

        // then
        assertThat(commits.get()).isEqualTo(1);
        assertThat(committer.commitCount()).isEqualTo(1);
    }

    @Test
    void should_let_a_commit_wait_briefly_for_writers_still_indexing() throws Exception {
        // given: a previous commit took 400 ms, so the next may wait up to 200 ms for writers in progress
        releaseFirstCommit.countDown();
        GroupCommitter slowDisk = new GroupCommitter(() -> {
            long covered = completedSeqNo.get();
            if (commits.incrementAndGet() == 1) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(400));
            }
            return covered;
        }, Duration.ofSeconds(10));
        completedSeqNo.set(1);
        try (GroupCommitter.Write first = slowDisk.beginWrite()) {
            first.awaitDurable(1);
        }
        // and writer B is still indexing when writer A asks for durability
        GroupCommitter.Write b = slowDisk.beginWrite();
        completedSeqNo.set(2);
        Thread a = start(() -> {
            try (GroupCommitter.Write write = slowDisk.beginWrite()) {
                write.awaitDurable(2);
            }
        });
        awaitState(a, Thread.State.TIMED_WAITING);

        // when: B finishes within the wait
        completedSeqNo.set(3);
        b.awaitDurable(3);
        a.join(10_000);

        // then: A's commit covered B, so B made none of its own
        assertThat(commits.get()).isEqualTo(2);
    }

    private void write(long seqNo) throws Exception {
        try (GroupCommitter.Write write = committer.beginWrite()) {
            write.awaitDurable(seqNo);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    /** Waits until the thread parks (no sleeps: polls the thread state with a deadline). */
    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != state) {
            assertThat(System.nanoTime()).as("thread parked before the deadline").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
