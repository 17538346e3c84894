package io.caravan.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    });

    @Test
    void should_let_writers_queued_behind_a_commit_share_the_next_one() throws Exception {
        // given: writer A's commit (covering seqNo 1) is in progress
        completedSeqNo.set(1);
        Thread a = start(() -> committer.awaitDurable(1));
        assertThat(firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        // and writers B and C completed operations 2 and 3 and wait for durability
        completedSeqNo.set(3);
        Thread b = start(() -> committer.awaitDurable(2));
        Thread c = start(() -> committer.awaitDurable(3));
        awaitWaiting(b);
        awaitWaiting(c);

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
        committer.awaitDurable(5);

        // when
        committer.awaitDurable(4);
        committer.awaitDurable(5);

        // then
        assertThat(commits.get()).isEqualTo(1);
        assertThat(committer.commitCount()).isEqualTo(1);
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

    /** Waits until the thread parks on the commit lock (no sleeps: polls the thread state with a deadline). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
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
