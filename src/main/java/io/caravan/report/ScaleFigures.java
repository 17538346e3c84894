package io.caravan.report;

import io.caravan.bench.BenchReport;
import io.caravan.bench.LatencyStats;
import io.caravan.bench.ScalePoint;
import io.caravan.index.SearchMode;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench --synthetic-chunks} measured, for its report: one entry per step of the growth curve, and the
 * figures of the JSON line.
 *
 * @param steps   the steps, in the order of their chunk counts
 * @param figures the figures of the JSON line (at the last step), as printed
 */
public record ScaleFigures(List<Step> steps, List<BenchReport.Figure> figures) {

    private static final double MB = 1024.0 * 1024.0;

    public ScaleFigures {
        steps = List.copyOf(steps);
        figures = List.copyOf(figures);
    }

    /** The figures of one run. */
    public static ScaleFigures of(List<ScalePoint> points, BenchReport report) {
        List<Step> steps = new ArrayList<>();
        for (ScalePoint point : points) {
            List<ModeLatency> latency = new ArrayList<>();
            for (SearchMode mode : SearchMode.values()) {
                LatencyStats stats = point.latency().get(mode);
                if (stats != null) {
                    latency.add(new ModeLatency(ScalePoint.key(mode), stats.percentileMs(50),
                            stats.percentileMs(99)));
                }
            }
            steps.add(new Step(point.chunks(), point.writeChunksPerSec(), latency, point.heapMb(),
                    point.rssMb() < 0 ? null : point.rssMb(),
                    // a Lucene index not committed since it was created holds no chunk to divide by yet
                    point.disk().chunks() == 0 ? null : point.disk().indexPerThousand() / MB,
                    point.disk().disk() / MB));
        }
        return new ScaleFigures(steps, report.figures());
    }

    /**
     * The index at one step.
     *
     * @param chunks               chunks in the index
     * @param writeChunksPerSec    the write rate of the step's own chunks
     * @param latency              search latency per mode
     * @param heapMbAfterGc        heap in use after full collections, MB
     * @param rssMb                resident set size, MB, or {@code null} where unknown
     * @param indexMbPer1000Chunks the index's MB per 1,000 chunks, or {@code null} before the first commit
     * @param diskMb               all the index's files on disk at that moment, MB
     */
    public record Step(long chunks, double writeChunksPerSec, List<ModeLatency> latency, double heapMbAfterGc,
                       Double rssMb, Double indexMbPer1000Chunks, double diskMb) {

        public Step {
            latency = List.copyOf(latency);
        }
    }

    /**
     * One mode's search latency at a step.
     *
     * @param mode  {@code bm25}, {@code dense} or {@code hybrid}
     * @param p50Ms median, ms
     * @param p99Ms 99th percentile, ms
     */
    public record ModeLatency(String mode, double p50Ms, double p99Ms) {
    }
}
