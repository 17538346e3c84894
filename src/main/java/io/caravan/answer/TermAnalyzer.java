package io.caravan.answer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reduces text to stemmed, stop-word-free terms so a question and a sentence can be compared word by word. */
public final class TermAnalyzer {

    // Analyzer instances are thread safe (per-thread token stream reuse)
    private final Analyzer analyzer = new EnglishAnalyzer();

    /** The text's terms in order, duplicates kept. */
    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory analysis cannot fail", e);
        }
        return terms;
    }
}
