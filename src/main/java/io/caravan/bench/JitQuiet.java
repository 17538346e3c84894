package io.caravan.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT compilers to go quiet: the end of a warm-up, so a measurement does not pay for compiling
 * what the warm-up made hot.
 */
public final class JitQuiet {

    private static final long POLL_MILLIS = 500;
    /** Polls in a row without any compile time added. */
    private static final int QUIET_POLLS = 3;

    private JitQuiet() {
    }

    /** Returns once no compile time was added for {@value #QUIET_POLLS} polls, or after {@code limit}; how long it took. */
    public static Duration await(Duration limit) throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return Duration.ZERO;
        }
        long deadline = start + limit.toNanos();
        long last = compiler.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            long now = compiler.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
