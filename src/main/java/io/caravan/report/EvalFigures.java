package io.caravan.report;

import io.caravan.bench.LatencyStats;
import io.caravan.eval.RetrievalEvaluator;
import io.caravan.eval.RetrievalMetrics;

import java.util.List;
import java.util.Locale;

/**
 * What {@code eval} measured, as it prints it: the lines before its table, and per mode the scores and the query
 * latencies.
 *
 * @param dataset  the BEIR folder
 * @param split    the qrels split
 * @param notes    the lines printed before the table (the index, the queries, the reranker)
 * @param indexing the table's indexing cell: {@code reused} or the seconds it took
 * @param modes    one entry per mode, in the order they ran
 */
public record EvalFigures(String dataset, String split, List<String> notes, String indexing, List<Mode> modes) {

    /** The columns of the printed table. */
    public static final List<String> HEADER = List.of("mode", "nDCG@10", "Recall@100", "MRR@10", "queries",
            "query s", "mean ms", "p50 ms", "indexing");

    public EvalFigures {
        notes = List.copyOf(notes);
        modes = List.copyOf(modes);
    }

    /**
     * One mode's figures.
     *
     * @param mode          the mode's name ({@code bm25}, {@code dense}, {@code hybrid}, {@code hybrid+rerank},
     *                      {@code default})
     * @param ndcgAt10      mean nDCG@10
     * @param recallAt100   mean Recall@100
     * @param mrrAt10       mean MRR@10
     * @param queries       queries scored
     * @param querySeconds  the queries' time, summed
     * @param meanMs        mean time per query
     * @param p50Ms         median time per query, as printed
     * @param percentilesMs the nearest-rank percentiles 1 to 100 of the time per query, in milliseconds; empty
     *                      without queries
     */
    public record Mode(String mode, double ndcgAt10, double recallAt100, double mrrAt10, int queries,
                       double querySeconds, double meanMs, double p50Ms, List<Double> percentilesMs) {

        public Mode {
            percentilesMs = List.copyOf(percentilesMs);
        }

        /** The figures of one mode's run, scored as {@code scores}. */
        public static Mode of(RetrievalEvaluator.ModeRun run, RetrievalMetrics.Scores scores) {
            List<Double> percentiles = run.nanosPerQuery().isEmpty() ? List.of()
                    : LatencyStats.ofNanos(run.nanosPerQuery().stream().mapToLong(Long::longValue).toArray())
                    .percentilesMs();
            return new Mode(run.mode().label(), scores.ndcgAt10(), scores.recallAt100(), scores.mrrAt10(),
                    scores.queries(), run.totalSeconds(), run.meanMillis(), run.medianMillis(), percentiles);
        }

        /** The 99th percentile of the time per query, or {@code null} without queries. */
        public Double p99Ms() {
            return percentilesMs.size() == 100 ? percentilesMs.get(98) : null;
        }

        /** The row of the printed table: the cells as {@code eval} formats them. */
        public List<String> cells(String indexingCell) {
            return List.of(mode, format("%.4f", ndcgAt10), format("%.4f", recallAt100), format("%.4f", mrrAt10),
                    String.valueOf(queries), format("%.2f", querySeconds), format("%.1f", meanMs),
                    format("%.1f", p50Ms), indexingCell);
        }

        private static String format(String format, double value) {
            return String.format(Locale.ROOT, format, value);
        }
    }
}
