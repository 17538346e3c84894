package io.caravan.answer;

import io.caravan.index.Hit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for each {@code [n]} of a written answer, the sentence of passage n the answer relies on: the one sharing
 * the most stemmed terms with the answer's sentences that cite {@code [n]}, the earliest on a tie, none when no term
 * is shared. Thread safe.
 */
final class QuoteFinder {

    // the citation checker has already written every citation as a plain "[n]"
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,4})]");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(?:\\s*\\[\\d{1,4}])+");

    private final TermAnalyzer analyzer = new TermAnalyzer();

    /**
     * The quote of each passage {@code answer} cites, keyed by its number; a number whose passage shares no term with
     * the sentences citing it, or that names no passage, has none.
     */
    Map<Integer, String> find(String answer, List<Hit> passages) {
        Map<Integer, String> quotes = new TreeMap<>();
        claimsByNumber(answer).forEach((n, claims) -> {
            if (n >= 1 && n <= passages.size()) {
                String quote = bestSentence(passages.get(n - 1).chunk().content(), claims);
                if (quote != null) {
                    quotes.put(n, quote);
                }
            }
        });
        return quotes;
    }

    /** The terms of the answer's sentences citing each number, citation marks removed. */
    private Map<Integer, Set<String>> claimsByNumber(String answer) {
        Map<Integer, Set<String>> claims = new TreeMap<>();
        Set<String> previous = null;
        for (String sentence : SentenceSplitter.split(answer)) {
            Set<String> terms = new HashSet<>(analyzer.terms(MARKER.matcher(sentence).replaceAll(" ")));
            // "… four hours. [1] Trains …": the sentence splitter puts a mark written after the full stop at the
            // start of the next sentence, but it cites the sentence before
            Matcher leading = LEADING_MARKERS.matcher(sentence);
            int rest = 0;
            if (leading.find() && previous != null) {
                cite(claims, leading.group(), previous);
                rest = leading.end();
            }
            String own = sentence.substring(rest);
            cite(claims, own, terms);
            if (!MARKER.matcher(own).replaceAll("").isBlank()) {
                previous = terms;
            }
        }
        return claims;
    }

    private static void cite(Map<Integer, Set<String>> claims, String text, Set<String> terms) {
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            claims.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new HashSet<>()).addAll(terms);
        }
    }

    /** The passage sentence sharing the most terms with {@code claimTerms}, the earliest on a tie, or null. */
    private String bestSentence(String content, Set<String> claimTerms) {
        String best = null;
        long bestOverlap = 0;
        for (String sentence : SentenceSplitter.split(content)) {
            long overlap = new HashSet<>(analyzer.terms(sentence)).stream().filter(claimTerms::contains).count();
            if (overlap > bestOverlap) {
                best = sentence;
                bestOverlap = overlap;
            }
        }
        return best;
    }
}
