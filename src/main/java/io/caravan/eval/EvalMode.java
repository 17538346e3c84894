package io.caravan.eval;

import io.caravan.index.SearchMode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A retrieval configuration the evaluation scores: one search mode, hybrid search followed by a reranker, or
 * whatever {@code /api/ask} is configured to use.
 */
public enum EvalMode {
    BM25(SearchMode.BM25, "bm25"),
    DENSE(SearchMode.DENSE, "dense"),
    HYBRID(SearchMode.HYBRID, "hybrid"),
    /** Hybrid candidates reranked: by the configured reranker, or the in-process one when none is configured. */
    HYBRID_RERANK(SearchMode.HYBRID, "hybrid+rerank"),
    /** The configured ask retrieval and reranking, exactly as {@code direct:ask} runs them. */
    DEFAULT(null, "default");

    private final SearchMode searchMode;
    private final String label;

    EvalMode(SearchMode searchMode, String label) {
        this.searchMode = searchMode;
        this.label = label;
    }

    /** The index search mode, or {@code null} for {@link #DEFAULT}. */
    public SearchMode searchMode() {
        return searchMode;
    }

    /** The name used on the command line and in the table. */
    public String label() {
        return label;
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
                .orElseThrow(() -> new IllegalArgumentException("--mode must be bm25, dense, hybrid, "
                        + "hybrid+rerank, default or all, was '"
                        + value + "'"));
    }
}
