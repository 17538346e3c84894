package io.caravan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Percentiles (nearest rank) and mean of a set of durations measured in nanoseconds. Immutable. */
public final class LatencyStats {

    private final long[] sortedNanos;

    private LatencyStats(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    /** The statistics of the given durations; at least one is needed. */
    public static LatencyStats ofNanos(long... nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no durations to summarise");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted);
    }

    public int count() {
        return sortedNanos.length;
    }

    /**
     * The nearest-rank percentile in milliseconds: the smallest value with at least {@code percent}% of the values
     * at or below it.
     */
    public double percentileMs(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
        }
        // multiply first: 99 * 200 / 100 is exactly 198, 0.99 * 200 is not
        int rank = (int) Math.ceil(percent * sortedNanos.length / 100.0);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    /** The percentiles 1 to 100 in milliseconds ({@link #percentileMs}): the distribution as a curve of 100 points. */
    public List<Double> percentilesMs() {
        List<Double> curve = new ArrayList<>(100);
        for (int percent = 1; percent <= 100; percent++) {
            curve.add(percentileMs(percent));
        }
        return curve;
    }

    public double meanMs() {
        double sum = 0;
        for (long n : sortedNanos) {
            sum += n;
        }
        return sum / sortedNanos.length / 1e6;
    }

    public double maxMs() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
