package io.caravan.conversation;

import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condensing fallback without a language model: the follow-up prefixed with the key terms of the previous
 * question (its words less stop words and question words), so "and in children?" after "Does aspirin prevent heart
 * attacks?" retrieves for "aspirin prevent heart attacks: and in children?". Pure and thread safe.
 */
public final class KeyTerms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Set<String> QUESTION_WORDS = Set.of("what", "which", "who", "whom", "whose", "when",
            "where", "why", "how", "do", "does", "did", "is", "are", "was", "were", "can", "could", "should",
            "would", "will", "about", "tell", "me", "please", "explain", "describe");

    private KeyTerms() {
    }

    /** The key terms of {@code text} in order, lower case, each once. */
    public static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            if (!EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word) && !QUESTION_WORDS.contains(word)) {
                terms.add(word);
            }
        }
        return terms;
    }

    /** {@code followUp} prefixed with the previous question's key terms it does not already have. */
    public static String condense(String previousQuestion, String followUp) {
        Set<String> terms = of(previousQuestion);
        terms.removeAll(of(followUp));
        return terms.isEmpty() ? followUp : String.join(" ", terms) + ": " + followUp;
    }
}
