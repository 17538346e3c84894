package io.caravan.eval;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the indexing step of an evaluation did: reused a complete index, or sent the corpus through the pipeline.
 *
 * @param reused    whether a complete index of the corpus was already there
 * @param documents corpus records
 * @param indexed   records indexed by this run
 * @param unchanged records the ledger skipped as already indexed
 * @param failed    failed records and their reasons, by id
 * @param chunks    chunks in the index
 * @param seconds   indexing time (of the earlier run, when reused)
 * @param newChunks chunks written by this run
 */
public record IndexingReport(boolean reused, int documents, int indexed, int unchanged, Map<String, String> failed,
                             long chunks, double seconds, long newChunks) {

    /** One line (and one per failure, at most ten) saying what happened, for the eval output. */
    public String describe(Path indexDir) {
        if (reused) {
            return String.format(Locale.ROOT,
                    "index reused: %d documents, %d chunks in %s (built in %.1f s earlier); indexing skipped",
                    documents, chunks, indexDir, seconds);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "index built: %d documents: %d indexed (%d chunks), %d unchanged, %d failed in %.1f s "
                        + "(%.1f docs/s) into %s", documents, indexed, newChunks, unchanged, failed.size(),
                seconds, seconds > 0 ? documents / seconds : 0.0, indexDir));
        failed.entrySet().stream().limit(10).forEach(f ->
                text.append(System.lineSeparator()).append("  failed: ").append(f.getKey()).append(": ")
                        .append(f.getValue()));
        return text.toString();
    }
}
