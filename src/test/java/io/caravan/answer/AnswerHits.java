package io.caravan.answer;

import io.caravan.embed.TokenCounter;
import io.caravan.index.Chunk;
import io.caravan.index.Hit;

import java.util.List;
import java.util.Set;

/** Passages, questions and a word-counting tokenizer for the answer tests. */
final class AnswerHits {

    private AnswerHits() {
    }

    static Hit hit(String docId, String title, String content, double score) {
        Chunk chunk = new Chunk(docId + "#0", docId, "share", title, content, "", 2, 0, "hash", "text/plain",
                List.of("public"), null, null, null, "model");
        return new Hit(chunk, score);
    }

    static Question question(String text) {
        return new Question("req-1", text, null, null, null, Set.of("public"), "test");
    }

    /** One token per whitespace-separated word: budgets in tests are easy to count by eye. */
    static final TokenCounter WORDS = new TokenCounter() {
        @Override
        public int count(String text) {
            String stripped = text.strip();
            return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        }

        @Override
        public int maxInputTokens() {
            return Integer.MAX_VALUE;
        }
    };
}
