package io.caravan.eval;

import io.caravan.index.SearchMode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A retrieval configuration the evaluation scores: one search mode, or whatever {@code /api/ask} is configured to use. */
public enum EvalMode {
    BM25(SearchMode.BM25),
    DENSE(SearchMode.DENSE),
    HYBRID(SearchMode.HYBRID),
    /** The configured ask retrieval, exactly as {@code direct:ask} runs it. */
    DEFAULT(null);

    private final SearchMode searchMode;

    EvalMode(SearchMode searchMode) {
        this.searchMode = searchMode;
    }

    /** The index search mode, or {@code null} for {@link #DEFAULT}. */
    public SearchMode searchMode() {
        return searchMode;
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The modes a {@code --mode} value names: one of them, or {@code all} for every mode.
     *
     * @throws IllegalArgumentException for another value
     */
    public static List<EvalMode> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(values()).filter(m -> m.label().equals(v)).findFirst().map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--mode must be bm25, dense, hybrid, default or all, was '"
                        + value + "'"));
    }
}
