package io.caravan.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences with the JDK's sentence rules. Thread safe: a new iterator per call. */
public final class SentenceSplitter {

    private SentenceSplitter() {
    }

    /** The non-blank sentences of {@code text}, trimmed, in order; a line break always ends a sentence. */
    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        // chunk text puts headings and paragraphs on lines of their own; a heading is not part of the next sentence
        for (String line : text.split("\\R")) {
            BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
            iterator.setText(line);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                String sentence = line.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }
}
