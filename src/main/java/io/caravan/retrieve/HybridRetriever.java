package io.caravan.retrieve;

import io.caravan.answer.Question;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;

import java.util.List;

/**
 * Finds the passages for a question: BM25 and kNN lists fused by the index, the best {@code candidates} kept,
 * cut to top-k. Thread safe.
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

    /** The question's best passages, best first, at most its top-k. */
    public List<Hit> retrieve(Question question, float[] queryVector) {
        int k = question.topK() == null ? topK : question.topK();
        List<Hit> hits = search(question.text(), queryVector, Math.max(candidates, k), question);
        return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
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
        return index.search(new SearchRequest(text, queryVector, searchMode, limit, caller.groups(),
                caller.filters()));
    }

    /** The configured mode ({@code caravan.retrieval.mode}). */
    public SearchMode mode() {
        return mode;
    }
}
