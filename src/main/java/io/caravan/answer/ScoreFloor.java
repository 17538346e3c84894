package io.caravan.answer;

import io.caravan.index.Hit;

import java.util.List;

/**
 * Drops passages scoring under {@code caravan.answer.min-score} (docs/architecture.md#answering-semantics), so that a question nothing relevant
 * was found for is answered "nothing found" without calling the LLM. Thread safe.
 */
public final class ScoreFloor {

    private final double minScore;

    /** @param minScore passages scoring less are dropped */
    public ScoreFloor(double minScore) {
        this.minScore = minScore;
    }

    /** The passages scoring at least the floor, in their order. */
    public List<Hit> apply(List<Hit> passages) {
        return passages.stream().filter(hit -> hit.score() >= minScore).toList();
    }
}
