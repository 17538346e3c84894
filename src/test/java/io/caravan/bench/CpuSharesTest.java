package io.caravan.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSharesTest {

    @Test
    void readsUserPlusSystemTicksOfAProcStatLineEvenWithSpacesInTheName() {
        String stat = "4944 (C2 CompilerThre) R 4858 4858 29067 0 -1 4194304 139 0 0 0 250 30 0 0 20 0 1 0 3347991";

        assertThat(CpuShares.cpuNanos(stat)).isEqualTo(280L * 10_000_000L);
    }

    @Test
    void groupsTheJvmsOwnThreadsByTheirNativeNames() {
        assertThat(CpuShares.jvmGroup("C2 CompilerThre")).isEqualTo(CpuShares.JIT);
        assertThat(CpuShares.jvmGroup("C1 CompilerThre")).isEqualTo(CpuShares.JIT);
        assertThat(CpuShares.jvmGroup("GC Thread#1")).isEqualTo(CpuShares.GC);
        assertThat(CpuShares.jvmGroup("G1 Conc#0")).isEqualTo(CpuShares.GC);
        assertThat(CpuShares.jvmGroup("Camel (camel-1)")).isNull();
    }

    @Test
    void countsTheCpuOfAThreadThatWorksInsideAnInterval() throws Exception {
        CpuShares shares = new CpuShares(name -> name.equals("busy-worker") ? "busy" : "other");
        shares.start();
        CountDownLatch worked = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        // the thread works until it has used 100 ms of CPU by its own clock, however busy the machine is, and lives
        // on until the shares are read: a thread's CPU time is only readable until it ends
        Thread busy = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double x = 0;
            while (!stop.get()) {
                x += Math.sqrt(x + 1);
                if (threads.getCurrentThreadCpuTime() > 100_000_000L) {
                    worked.countDown();
                }
            }
            assertThat(x).isPositive();
        }, "busy-worker");
        busy.start();
        assertThat(worked.await(60, TimeUnit.SECONDS)).isTrue();
        shares.stop();
        stop.set(true);
        busy.join();

        Map<String, Long> byGroup = Map.ofEntries(shares.byGroup().toArray(Map.Entry[]::new));
        assertThat(byGroup.get("busy")).isGreaterThan(50_000_000L);
        // process CPU time comes in clock ticks (10 ms), thread CPU time to the nanosecond
        assertThat(shares.processNanos()).isGreaterThanOrEqualTo(byGroup.get("busy") - 20_000_000L);
    }
}
