package io.caravan.ingest.chunk;

import io.caravan.embed.TokenCounter;
import io.caravan.ingest.IngestException;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one block's text into counted pieces that each fit a token budget: whole block, else sentences, else
 * words, else characters.
 *
 * <p>Thread safe: it holds only the counter; break iterators are created per call because they are not.
 */
final class BudgetSplitter {
    /**
     * Text longer than this many characters per budget token is not counted whole: it cannot fit unless most of
     * it is very long words, and tokenizers slow down sharply on huge inputs (DJL: ~2 s for 400k CJK characters).
     */
    private static final int MAX_CHARS_PER_TOKEN = 32;

    /** Characters counted to estimate the characters per token of an oversized sentence. */
    private static final int SAMPLE_CHARS = 4_096;

    private final TokenCounter counter;
    private final int budget;

    BudgetSplitter(TokenCounter counter, int budget) {
        this.counter = counter;
        this.budget = budget;
    }

    /** Pieces of {@code text} in order, each within the budget; their concatenation with joiners is the text. */
    /**
     * A table row: one piece when it fits, so a table is cut only between rows; a row over the budget alone is cut
     * as any paragraph is.
     */
    List<Piece> splitRow(String text, Integer page) {
        String trimmed = text.strip();
        int tokens = trimmed.isEmpty() ? 0 : countUnlessHuge(trimmed);
        if (!trimmed.isEmpty() && tokens <= budget) {
            return List.of(new Piece(trimmed, tokens, page, Piece.Kind.ROW, false));
        }
        return split(text, page, false);
    }

    List<Piece> split(String text, Integer page, boolean heading) {
        String trimmed = text.strip();
        List<Piece> pieces = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return pieces;
        }
        int tokens = countUnlessHuge(trimmed);
        if (tokens <= budget) {
            pieces.add(new Piece(trimmed, tokens, page, Piece.Kind.BLOCK, heading));
            return pieces;
        }
        Piece.Kind kind = Piece.Kind.FIRST_SENTENCE;
        for (String sentence : sentences(trimmed)) {
            int sentenceTokens = countUnlessHuge(sentence);
            if (sentenceTokens <= budget) {
                pieces.add(new Piece(sentence, sentenceTokens, page, kind, heading));
            } else {
                splitWords(sentence, page, kind, heading, pieces);
            }
            kind = Piece.Kind.SENTENCE;
        }
        return pieces;
    }

    /** The trimmed, non-blank sentences of {@code text}, found by the JDK's locale-neutral sentence rules. */
    static List<String> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    /** Cuts an oversized sentence at whitespace into the longest fitting runs of words. */
    private void splitWords(String sentence, Integer page, Piece.Kind firstKind, boolean heading, List<Piece> out) {
        double charsPerToken = charsPerToken(sentence);
        int[] wordEnds = wordEnds(sentence);
        Piece.Kind kind = firstKind;
        int from = 0;
        int firstEnd = 0; // index into wordEnds of the first word starting at or after 'from'
        while (from < sentence.length()) {
            int fit = longestFit(sentence, from, wordEnds, firstEnd, charsPerToken);
            if (fit >= 0) {
                String words = sentence.substring(from, wordEnds[fit]).strip();
                out.add(new Piece(words, counter.count(words), page, kind, heading));
                firstEnd = fit + 1;
            } else {
                // Even one word is over budget (a base64 blob, minified code, text without spaces).
                splitChars(sentence, from, wordEnds[firstEnd], charsPerToken, page, kind, heading, out);
                firstEnd++;
            }
            kind = Piece.Kind.WORDS;
            from = skipWhitespace(sentence, wordEnds[firstEnd - 1]);
        }
    }

    /** Cuts one oversized word, {@code text[from, to)}, at character (grapheme) boundaries. */
    private void splitChars(String text, int from, int to, double charsPerToken, Integer page, Piece.Kind firstKind,
                            boolean heading, List<Piece> out) {
        int[] graphemeEnds = graphemeEnds(text, from, to);
        Piece.Kind kind = firstKind;
        int first = 0;
        while (from < to) {
            int fit = longestFit(text, from, graphemeEnds, first, charsPerToken);
            if (fit < 0) {
                throw new IngestException("chunk", "a single character counts more than " + budget + " tokens");
            }
            String part = text.substring(from, graphemeEnds[fit]);
            out.add(new Piece(part, counter.count(part), page, kind, heading));
            kind = Piece.Kind.WORD_PART;
            from = graphemeEnds[fit];
            first = fit + 1;
        }
    }

    /**
     * Index of the furthest end in {@code ends[first..]} whose span from {@code from} fits, or -1 if none does.
     *
     * <p>Gallops from an estimate of where the budget runs out, so each probe counts about a chunk's worth of
     * text rather than the rest of a possibly huge sentence. Every answer is verified by an exact count, so the
     * result fits even where token counts are not monotone in the prefix length.
     */
    private int longestFit(String text, int from, int[] ends, int first, double charsPerToken) {
        int last = ends.length - 1;
        int target = from + (int) Math.max(1, budget * charsPerToken);
        int guess = Arrays.binarySearch(ends, first, ends.length, target);
        guess = Math.min(last, Math.max(first, guess >= 0 ? guess : -guess - 2));
        int lo; // fits, or first - 1
        int hi; // does not fit, or last + 1
        if (fits(text, from, ends[guess])) {
            lo = guess;
            int step = 1;
            while (lo + step <= last && fits(text, from, ends[lo + step])) {
                lo += step;
                step *= 2;
            }
            hi = Math.min(last + 1, lo + step);
        } else {
            hi = guess;
            int step = 1;
            while (hi - step >= first && !fits(text, from, ends[hi - step])) {
                hi -= step;
                step *= 2;
            }
            lo = Math.max(first - 1, hi - step);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fits(text, from, ends[mid])) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo >= first ? lo : -1;
    }

    /** The exact count, or {@code Integer.MAX_VALUE} for text too long to fit the budget in practice. */
    private int countUnlessHuge(String text) {
        return text.length() > (long) budget * MAX_CHARS_PER_TOKEN ? Integer.MAX_VALUE : counter.count(text);
    }

    /** Characters per token of the sentence's start: only steers where cuts are probed, never decides a cut. */
    private double charsPerToken(String sentence) {
        int end = Math.min(sentence.length(), SAMPLE_CHARS);
        if (end < sentence.length() && Character.isHighSurrogate(sentence.charAt(end - 1))) {
            end--;
        }
        return (double) end / Math.max(1, counter.count(sentence.substring(0, end)));
    }

    private boolean fits(String text, int from, int to) {
        return counter.count(text.substring(from, to).strip()) <= budget;
    }

    /** Positions just after each whitespace-separated word. */
    private static int[] wordEnds(String text) {
        int[] ends = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean endsWord = !Character.isWhitespace(text.charAt(i))
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
            if (endsWord) {
                ends[n++] = i + 1;
            }
        }
        return Arrays.copyOf(ends, n);
    }

    /** Positions just after each user-perceived character in {@code text[from, to)}, so no pair or accent is cut. */
    private static int[] graphemeEnds(String text, int from, int to) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text.substring(from, to));
        int[] ends = new int[to - from];
        int n = 0;
        for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
            ends[n++] = from + end;
        }
        return Arrays.copyOf(ends, n);
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
