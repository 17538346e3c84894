package io.caravan.retrieve;

import io.caravan.answer.Question;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;

import java.util.List;

/**
 * Finds the passages for a question: BM25 and kNN lists fused by the index, the best {@code candidates} kept
 * for the reranker ({@link #candidates}), or cut to top-k directly ({@link #retrieve}). Thread safe.
 */
public class HybridRetriever {

    private final HybridIndex index;
    private final SearchMode mode;
    private final int candidates;
    private final int topK;

    public HybridRetriever(HybridIndex index, SearchMode mode, int candidates, int topK) {
        if (candidates < topK) {
            throw new IllegalArgumentException("caravan.retrieval.candidates (" + candidates
                    + ") must be at least caravan.retrieval.top-k (" + topK + ")");
        }
        this.index = index;
        this.mode = mode;
        this.candidates = candidates;
        this.topK = topK;
    }

    /** The question's best passages, best first, at most its top-k (retrieval order, no reranking). */
    public List<Hit> retrieve(Question question, float[] queryVector) {
        int k = topK(question);
        List<Hit> hits = candidates(question, queryVector);
        return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
    }

    /**
     * The question's candidates for reranking, best first: at most {@code caravan.retrieval.candidates}, or its
     * top-k if that is larger.
     */
    public List<Hit> candidates(Question question, float[] queryVector) {
        return search(question.text(), queryVector, Math.max(candidates, topK(question)), question);
    }

    private int topK(Question question) {
        return question.topK() == null ? topK : question.topK();
    }

    /** Ranked chunks for a search without generation, at most {@code limit}, in the configured mode. */
    public List<Hit> search(String text, float[] queryVector, int limit, Question caller) {
        return search(text, queryVector, mode, limit, caller);
    }

    /**
     * Ranked chunks in the given mode, at most {@code limit}; the evaluation compares modes through this.
     * {@code queryVector} may be {@code null} for {@link SearchMode#BM25}.
     */
    public List<Hit> search(String text, float[] queryVector, SearchMode searchMode, int limit, Question caller) {
        if (caller.groups().isEmpty()) {
            // a caller in no group (a token without groups) sees nothing: no passage, never an error
            return List.of();
        }
        return index.search(new SearchRequest(text, queryVector, searchMode, limit, caller.groups(),
                caller.filters()));
    }

    /** The configured mode ({@code caravan.retrieval.mode}). */
    public SearchMode mode() {
        return mode;
    }
}
