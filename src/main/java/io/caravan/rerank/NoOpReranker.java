package io.caravan.rerank;

import io.caravan.answer.Question;
import io.caravan.index.Hit;

import java.util.List;

/** Keeps the retrieval order and scores and cuts to top-k ({@code caravan.rerank.model=none}). Thread safe. */
public final class NoOpReranker implements Reranker {

    /** The configuration name. */
    public static final String NAME = "none";

    private final int topK;

    public NoOpReranker(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, was " + topK);
        }
        this.topK = topK;
    }

    @Override
    public List<Hit> rerank(Question question, List<Hit> candidates) {
        return Reranker.cut(candidates, Reranker.topK(question, topK));
    }

    @Override
    public String name() {
        return NAME;
    }
}
