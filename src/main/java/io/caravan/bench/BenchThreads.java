package io.caravan.bench;

import java.util.Locale;
import java.util.Map;

/** The groups of threads whose CPU time {@code bench} reports, told apart by the names their pools give them. */
public final class BenchThreads {

    /** Prefix of the bench's ingestion workers. */
    public static final String INGEST_WORKER = "caravan-bench-ingest-";
    static final String EMBEDDING = "embedding (caravan-embed pool: tokenizer + ONNX)";
    static final String BARE_EMBEDDING = "bare embedAll threads (tokenizer + ONNX)";

    private BenchThreads() {
    }

    /** The group a thread's CPU time is counted under, from the name its pool gives it. */
    public static String groupOf(String thread) {
        if (thread.contains("caravan-embed")) {
            return EMBEDDING;
        } else if (thread.startsWith(INGEST_WORKER)) {
            return "ingest workers (read, ledger, chunk, index write, routing)";
        } else if (thread.startsWith("caravan-parse")) {
            return "parsing (Tika, caravan-parse)";
        } else if (thread.startsWith("Lucene Merge") || thread.startsWith("caravan-lucene")) {
            return "Lucene merges, refresh and commit";
        } else if (thread.startsWith("H2-") || thread.startsWith("MVStore")) {
            return "ledger background (MVStore)";
        } else if (thread.startsWith("pool-") || thread.startsWith("ForkJoinPool")) {
            return BARE_EMBEDDING;
        }
        return "other Java threads";
    }

    /** One row per thread group (CPU seconds and share), plus the JIT's compile time, under {@code key}*. */
    public static void report(String title, CpuShares cpu, String key, BenchReport report) {
        if (!cpu.supported() || cpu.processNanos() <= 0) {
            return;
        }
        report.section(title);
        for (Map.Entry<String, Long> group : cpu.byGroup()) {
            if (group.getValue() * 1000 < cpu.processNanos()) {
                continue; // under 0.1 %: idle in these intervals
            }
            report.note("  " + group.getKey(), String.format(Locale.ROOT, "%,.1f s, %.1f%%",
                    group.getValue() / 1e9, 100.0 * group.getValue() / cpu.processNanos()));
        }
        report.figure("JIT compile time in these intervals (wall, from CompilationMXBean)", key + "JitSeconds",
                cpu.compileMillis() / 1000.0, "s");
        cpu.byGroup().stream().filter(g -> g.getKey().equals(EMBEDDING) || g.getKey().equals(BARE_EMBEDDING))
                .filter(g -> g.getValue() > 0).findFirst().ifPresent(g ->
                report.figure("share of this CPU time spent embedding", key + "EmbeddingShare",
                        (double) g.getValue() / cpu.processNanos(), ""));
    }
}
