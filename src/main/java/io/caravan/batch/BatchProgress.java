package io.caravan.batch;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress of a batch: a bar redrawn in place on a terminal, a plain line every few seconds anywhere else (a log
 * file, a pipe, CI), or nothing. Thread safe: workers call {@link #step()} concurrently.
 */
public final class BatchProgress implements AutoCloseable {

    /** How often a plain line is printed where the output is not a terminal. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
    private static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);
    private static final BatchProgress NONE = new BatchProgress(null);

    private final ProgressBar bar;

    private BatchProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** No progress shown: for runs whose own output must not be interleaved, such as a benchmark's. */
    public static BatchProgress none() {
        return NONE;
    }

    /** Progress of {@code total} documents on standard error, as a bar or as plain lines, whichever fits it. */
    public static BatchProgress onStandardError(String task, long total) {
        return on(System.err, task, total, standardErrorIsTerminal(), PLAIN_INTERVAL);
    }

    /**
     * Progress of {@code total} documents on {@code out}: a bar redrawn with carriage returns if {@code terminal},
     * else a line of its own every {@code plainInterval} in which the count moved, and the final count when closed.
     */
    public static BatchProgress on(PrintStream out, String task, long total, boolean terminal,
                                   Duration plainInterval) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total);
        if (terminal) {
            builder.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) TERMINAL_INTERVAL.toMillis())
                    .setConsumer(new ConsoleProgressBarConsumer(out));
        } else {
            // the delegating consumer writes what it is given and nothing else: no '\r', no clearing on close;
            // the width is given so that it does not probe a terminal for one
            PlainLines lines = new PlainLines();
            builder.setRenderer(lines).setUpdateIntervalMillis((int) plainInterval.toMillis())
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        if (!line.isEmpty()) {
                            out.println(line);
                        }
                    }, Integer.MAX_VALUE));
        }
        return new BatchProgress(builder.build());
    }

    /** Advances by one document. */
    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Prints the final state and stops updating. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Renders a plain line when the count has moved since the last one, else nothing: closing the bar renders the
     * final state once more, which a tick may have printed already. Called by the bar's one updating thread.
     */
    private static final class PlainLines implements ProgressBarRenderer {
        private long lastPrinted = -1;

        @Override
        public String render(ProgressState state, int maxLength) {
            long done = state.getCurrent();
            if (done == lastPrinted) {
                return "";
            }
            lastPrinted = done;
            return plainLine(state.getTaskName(), done, state.getMax(), state.getElapsedAfterStart());
        }
    }

    /** One self-contained line, e.g. {@code index: 1,200/5,183 documents (23%), 0:00:50, 24.0 docs/s, ~0:02:46 left}. */
    static String plainLine(String task, long done, long total, Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d/%,d documents (%d%%), %s",
                task, done, total, total > 0 ? done * 100 / total : 0, clock(seconds)));
        if (done > 0 && seconds > 0) {
            double perSecond = done / seconds;
            line.append(String.format(Locale.ROOT, ", %.1f docs/s", perSecond));
            if (done < total) {
                line.append(", ~").append(clock((total - done) / perSecond)).append(" left");
            }
        }
        return line.toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }

    /**
     * Whether standard error is a terminal. On Linux, read from where file descriptor 2 points; elsewhere, Java only
     * tells whether the standard input and output are one, which misses {@code 2> log} but not {@code > log 2>&1}.
     */
    static boolean standardErrorIsTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(stderr).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** Whether a device path is a terminal: a pseudo-terminal or a tty. */
    static boolean isTerminalDevice(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }
}
