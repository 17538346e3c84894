package io.caravan.answer;

import io.caravan.index.Hit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers without an LLM: the sentences of the top passages that share the most (rare) words with the question,
 * each followed by the number of the passage it came from. Thread safe.
 */
public class ExtractiveAnswerGenerator {

    /** The mode this generator reports. */
    public static final String MODE = "extractive";
    static final String NOTHING_FOUND = "No indexed passage matches the question.";
    // shorter "sentences" are headings, captions and list stubs: they name a topic but answer nothing
    private static final int MIN_WORDS = 4;

    private final TermAnalyzer analyzer = new TermAnalyzer();
    private final int maxSentences;
    private final int snippetChars;

    public ExtractiveAnswerGenerator(int maxSentences, int snippetChars) {
        this.maxSentences = maxSentences;
        this.snippetChars = snippetChars;
    }

    /** The answer to {@code question} from {@code passages}, best passage first. */
    public Answer generate(Question question, List<Hit> passages) {
        if (passages.isEmpty()) {
            return nothingFound(question);
        }
        List<Candidate> chosen = choose(question, passages);
        Map<Integer, Integer> numberOfPassage = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : chosen) {
            int n = numberOfPassage.computeIfAbsent(c.passage, p -> numberOfPassage.size() + 1);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(c.sentence).append(" [").append(n).append(']');
        }
        // the answer's sentences are the passages' own: [n] quotes the one taken from passage n that matched the
        // question best (the first of equals), the row that holds the asked-for cell rather than the table's first
        Map<Integer, Candidate> quoteOfPassage = new HashMap<>();
        chosen.forEach(c -> quoteOfPassage.merge(c.passage, c, (kept, next) -> next.score > kept.score ? next : kept));
        List<Citation> citations = new ArrayList<>();
        numberOfPassage.forEach((passage, n) -> citations.add(
                Citation.of(n, passages.get(passage), quoteOfPassage.get(passage).sentence, snippetChars)));
        return new Answer(text.toString(), citations, MODE, false, false, question.requestId(), Map.of());
    }

    /** The answer when no passage is left to answer from (none retrieved, or none above the score floor). */
    public Answer nothingFound(Question question) {
        return new Answer(NOTHING_FOUND, List.of(), MODE, false, false, question.requestId(), Map.of());
    }

    private List<Candidate> choose(Question question, List<Hit> passages) {
        Set<String> queryTerms = new HashSet<>(analyzer.terms(question.text()));
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            List<String> sentences = SentenceSplitter.split(passages.get(p).chunk().content());
            for (int s = 0; s < sentences.size(); s++) {
                candidates.add(new Candidate(p, s, sentences.get(s), new HashSet<>(analyzer.terms(sentences.get(s)))));
            }
        }
        Map<String, Integer> sentenceFrequency = new HashMap<>();
        candidates.forEach(c -> c.terms.forEach(t -> sentenceFrequency.merge(t, 1, Integer::sum)));
        for (Candidate c : candidates) {
            double overlap = 0;
            for (String term : queryTerms) {
                if (c.terms.contains(term)) {
                    // rarer words say more about the question than words every sentence has
                    overlap += Math.log(1.0 + (double) candidates.size() / sentenceFrequency.get(term));
                }
            }
            // retrieval already ranked the passages: prefer earlier ones when the overlap ties
            c.score = overlap / (1.0 + 0.15 * c.passage);
        }
        List<Candidate> best = candidates.stream()
                .filter(c -> c.score > 0 && c.words >= MIN_WORDS)
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.score))
                .limit(maxSentences)
                .sorted(Comparator.comparingInt((Candidate c) -> c.passage).thenComparingInt(c -> c.position))
                .toList();
        if (!best.isEmpty()) {
            return best;
        }
        // no word in common (a paraphrase): the top passage's opening still answers best what retrieval found
        return candidates.stream().filter(c -> c.passage == 0)
                .sorted(Comparator.comparingInt((Candidate c) -> c.words >= MIN_WORDS ? 0 : 1))
                .limit(1).toList();
    }

    private static final class Candidate {
        final int passage;
        final int position;
        final String sentence;
        final Set<String> terms;
        final int words;
        double score;

        Candidate(int passage, int position, String sentence, Set<String> terms) {
            this.passage = passage;
            this.position = position;
            this.sentence = sentence;
            this.terms = terms;
            this.words = sentence.split("\\s+").length;
        }
    }
}
