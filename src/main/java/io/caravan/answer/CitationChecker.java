package io.caravan.answer;

import io.caravan.index.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an LLM's reply into an {@link Answer}: every {@code [n]} must name a passage of the prompt; the others are
 * removed from the text, and the citations are exactly the passages the text still cites, each quoting the sentence
 * the text relies on ({@link QuoteFinder}). Thread safe.
 */
public final class CitationChecker {

    /** The mode of answers written by the LLM. */
    public static final String MODE = "llm";

    private static final Logger LOG = LoggerFactory.getLogger(CitationChecker.class);
    // "[1]", "[2, 3]", "[ 4 ]"; a reasoning model's <think> block is not part of the answer
    private static final Pattern CITATION = Pattern.compile("\\[\\s*(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)\\s*]");
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("[ \\t]+([.,;:!?])");
    private static final Pattern REPEATED_SPACES = Pattern.compile("[ \\t]{2,}");

    private final QuoteFinder quoteFinder = new QuoteFinder();
    private final int snippetChars;

    /** @param snippetChars characters of passage text in each citation ({@code caravan.answer.snippet-chars}) */
    public CitationChecker(int snippetChars) {
        this.snippetChars = snippetChars;
    }

    /**
     * The checked answer to {@code question}.
     *
     * @throws IllegalStateException if the reply is empty (the caller falls back as for any LLM failure)
     */
    public Answer check(Prompt prompt, String reply, Question question) {
        String text = reply == null ? "" : THINKING.matcher(reply).replaceAll("").strip();
        if (text.isEmpty()) {
            throw new IllegalStateException("the LLM returned an empty reply");
        }
        List<Hit> passages = prompt.passages();
        TreeSet<Integer> cited = new TreeSet<>();
        List<String> invalid = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        StringBuilder checked = new StringBuilder();
        while (m.find()) {
            StringBuilder kept = new StringBuilder();
            for (String number : m.group(1).split(",")) {
                int n = Integer.parseInt(number.strip());
                if (n >= 1 && n <= passages.size()) {
                    cited.add(n);
                    kept.append('[').append(n).append(']');
                } else {
                    invalid.add(number.strip());
                }
            }
            m.appendReplacement(checked, Matcher.quoteReplacement(kept.toString()));
        }
        m.appendTail(checked);
        String answer = REPEATED_SPACES.matcher(SPACE_BEFORE_PUNCTUATION.matcher(checked).replaceAll("$1"))
                .replaceAll(" ").strip();
        if (!invalid.isEmpty()) {
            LOG.info("removed citations of passages not in the prompt requestId={} invalid={} passages={}",
                    question.requestId(), invalid, passages.size());
        }
        Map<Integer, String> quotes = quoteFinder.find(answer, passages);
        List<Citation> citations = cited.stream()
                .map(n -> Citation.of(n, passages.get(n - 1), quotes.get(n), snippetChars)).toList();
        return new Answer(answer, citations, MODE, false, false, question.requestId(), Map.of());
    }
}
