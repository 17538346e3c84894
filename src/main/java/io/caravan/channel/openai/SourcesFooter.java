package io.caravan.channel.openai;

import io.caravan.answer.Citation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The plain-text list of an answer's sources that ends its message text when {@code caravan.openai.sources-footer}
 * is on (docs/openai-compatible.md#the-sources-footer): every chat client shows it, none needs to know the
 * {@code citations} field. One line per citation: {@code [1] Title — docId, p. 3}. Thread safe.
 */
public final class SourcesFooter {

    /** What separates the answer from its footer. */
    static final String HEADING = "\n\nSources:\n";

    // the footer as this class writes it, at the very end of a text: a client sends it back in the assistant messages
    private static final Pattern FOOTER = Pattern.compile("\\n\\nSources:\\n(\\[\\d+] [^\\n]*\\n?)+\\z");

    private SourcesFooter() {
    }

    /** The footer of {@code citations}, starting with a blank line; empty when there are none. */
    public static String of(List<Citation> citations) {
        if (citations.isEmpty()) {
            return "";
        }
        StringBuilder footer = new StringBuilder(HEADING);
        for (int i = 0; i < citations.size(); i++) {
            if (i > 0) {
                footer.append('\n');
            }
            footer.append(line(citations.get(i)));
        }
        return footer.toString();
    }

    /** {@code [n] Title — docId, p. 3}; without a title the docId alone, without a page no page. */
    static String line(Citation citation) {
        String title = citation.title() == null ? "" : citation.title().strip();
        StringBuilder line = new StringBuilder("[").append(citation.n()).append("] ");
        if (!title.isEmpty() && !title.equals(citation.docId())) {
            line.append(title).append(" — ");
        }
        line.append(citation.docId());
        if (citation.page() != null) {
            line.append(", p. ").append(citation.page());
        }
        return line.toString();
    }

    /** {@code text} without the footer this class wrote at its end, if it has one (an earlier answer sent back). */
    public static String strip(String text) {
        return FOOTER.matcher(text).replaceFirst("");
    }
}
