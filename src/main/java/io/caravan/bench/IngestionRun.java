package io.caravan.bench;

import java.util.List;

/**
 * What {@link IngestionBench} measured besides its printed figures: each slice's time on both sides and where each
 * side's CPU time went, for charts.
 *
 * @param allIndexed  whether every document was indexed
 * @param slices      the timed slices in the order they ran
 * @param ingestionCpu the ingestion slices' CPU time by thread group, largest first
 * @param bareCpu     the bare embedding slices' CPU time by thread group, largest first
 */
public record IngestionRun(boolean allIndexed, List<Slice> slices, List<CpuGroup> ingestionCpu,
                           List<CpuGroup> bareCpu) {

    public IngestionRun {
        slices = List.copyOf(slices);
        ingestionCpu = List.copyOf(ingestionCpu);
        bareCpu = List.copyOf(bareCpu);
    }

    /**
     * One slice: its documents ingested, then their chunk texts embedded bare.
     *
     * @param documents   documents in the slice
     * @param ingestNanos the pipeline's wall time for them
     * @param embedNanos  the bare model's wall time for their chunk texts
     */
    public record Slice(int documents, long ingestNanos, long embedNanos) {

        public double ingestDocsPerSec() {
            return documents * 1e9 / ingestNanos;
        }

        public double embedOnlyDocsPerSec() {
            return documents * 1e9 / embedNanos;
        }

        /** The slice's ingestRatio: the same documents on both sides, so the ratio of the rates is that of the times. */
        public double ratio() {
            return (double) embedNanos / ingestNanos;
        }
    }

    /**
     * A group of threads and the CPU time it used.
     *
     * @param group the group's name, as {@code bench} prints it
     * @param nanos CPU nanoseconds
     */
    public record CpuGroup(String group, long nanos) {

        /** The groups of {@code cpu} that used at least 0.1 % of its process CPU time, as the printed table lists. */
        static List<CpuGroup> of(CpuShares cpu) {
            if (!cpu.supported() || cpu.processNanos() <= 0) {
                return List.of();
            }
            return cpu.byGroup().stream().filter(g -> g.getValue() * 1000 >= cpu.processNanos())
                    .map(g -> new CpuGroup(g.getKey(), g.getValue())).toList();
        }
    }
}
