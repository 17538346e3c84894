package io.caravan.cache;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a question to the form the answer cache keys on: Unicode-compatible characters folded (NFKC), lower case,
 * runs of white space made one space, trailing punctuation and spaces dropped. "What is BM25?" and
 * "  what is   bm25 " share a key. Pure and thread safe.
 */
public final class QuestionNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Sentence-ending marks only: a trailing quote or bracket can belong to the question. */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?!.,;:\u2026\u3002\uff1f\uff01]+$");

    private QuestionNormalizer() {
    }

    /** The question's cache form. */
    public static String normalise(String question) {
        String folded = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String spaced = WHITESPACE.matcher(folded).replaceAll(" ").strip();
        return TRAILING_PUNCTUATION.matcher(spaced).replaceAll("");
    }
}
