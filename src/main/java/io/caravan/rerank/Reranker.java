package io.caravan.rerank;

import io.caravan.answer.Question;
import io.caravan.index.Hit;

import java.util.List;

/** Reorders a question's retrieval candidates and keeps the best of them. Implementations are thread safe. */
public interface Reranker {

    /**
     * The candidates reordered, best first, at most the question's top-k (its own, or the configured one), each
     * with the score this reranker ranked it by.
     *
     * @param candidates the retrieval's hits, best first
     */
    List<Hit> rerank(Question question, List<Hit> candidates);

    /** The configuration name ({@code caravan.rerank.model}), for logs and the evaluation. */
    String name();

    /** The number of hits to return for {@code question}: its own top-k, else {@code configuredTopK}. */
    static int topK(Question question, int configuredTopK) {
        return question.topK() == null ? configuredTopK : question.topK();
    }

    /** The first {@code limit} of {@code hits}. */
    static List<Hit> cut(List<Hit> hits, int limit) {
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : List.copyOf(hits);
    }
}
