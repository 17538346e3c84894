package io.caravan.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes rankings as a TREC run file: {@code qid Q0 docid rank score tag}, one line per ranked document. */
public final class TrecRunWriter {

    private TrecRunWriter() {
    }

    /**
     * Writes (replaces) {@code file}; ranks count from 1. Scores keep nine decimals because tools such as trec_eval
     * re-sort by score: fused scores deep in a ranking differ by less than 1e-5, and rounding would tie them.
     */
    public static void write(Path file, Map<String, List<RankedDocument>> rankings, String tag) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, List<RankedDocument>> query : rankings.entrySet()) {
                int rank = 0;
                for (RankedDocument document : query.getValue()) {
                    rank++;
                    out.write(String.format(Locale.ROOT, "%s Q0 %s %d %.9f %s%n", query.getKey(), document.docId(),
                            rank, document.score(), tag));
                }
            }
        }
    }
}
