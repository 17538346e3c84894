package io.caravan.answer;

/**
 * The part of a passage a citation shows, and the quote it highlights: {@code quote} is {@code null} or a substring of
 * {@code text} (docs/http-api.md#asking).
 *
 * <p>The snippet is the passage's beginning, cut at a word within the length limit, unless the quote ends beyond that
 * cut: then it is a window of about the limit around the quote, opening at a word a little before it. A quote longer
 * than the limit is cut at a word like a snippet, and the quote becomes the part the snippet shows. A cut end gets
 * "…", and so does a start that is not the passage's. Pure function of its arguments.
 *
 * @param text  the passage text shown
 * @param quote the sentence to highlight, a substring of {@code text}, or {@code null}
 */
record Snippet(String text, String quote) {

    static final String ELLIPSIS = "…";

    /**
     * The snippet of {@code content} showing {@code quote}, about {@code maxChars} characters of it; the quote is
     * dropped ({@code null}) when it is not part of the content.
     */
    static Snippet of(String content, String quote, int maxChars) {
        int start = quote == null || quote.isEmpty() ? -1 : content.indexOf(quote);
        // the plain beginning, as a citation without a quote has always shown it
        int head = trimEnd(content, 0, wordEnd(content, maxChars / 2 + 1, maxChars));
        if (start < 0) {
            return new Snippet(excerpt(content, 0, head), null);
        }
        int end = start + quote.length();
        if (end <= head) {
            return new Snippet(excerpt(content, 0, head), quote);
        }
        if (quote.length() > maxChars) {
            int cut = trimEnd(content, start + 1, wordEnd(content, start + maxChars / 2 + 1, start + maxChars));
            return new Snippet(excerpt(content, start, cut), content.substring(start, cut));
        }
        // a quarter of the room the quote leaves goes before it (what leads up to it), the rest after
        int from = wordStart(content, start - (maxChars - quote.length()) / 4, start);
        int to = trimEnd(content, end, wordEnd(content, end, from + maxChars));
        return new Snippet(excerpt(content, from, to), quote);
    }

    /** {@code content[from, to)} with "…" on each side that does not reach the content's end. */
    private static String excerpt(String content, int from, int to) {
        return (from > 0 ? ELLIPSIS : "") + content.substring(from, to) + (to < content.length() ? ELLIPSIS : "");
    }

    /** The content's length when it ends by {@code limit}, else the last white space in [min, limit], else limit. */
    private static int wordEnd(String content, int min, int limit) {
        if (limit >= content.length()) {
            return content.length();
        }
        for (int i = limit; i >= min; i--) {
            if (Character.isWhitespace(content.charAt(i))) {
                return i;
            }
        }
        return limit;
    }

    /** The first word start in [from, atMost], or {@code atMost} when none starts there. */
    private static int wordStart(String content, int from, int atMost) {
        for (int i = Math.max(0, from); i < atMost; i++) {
            if (i == 0 || Character.isWhitespace(content.charAt(i - 1)) && !Character.isWhitespace(content.charAt(i))) {
                return i;
            }
        }
        return atMost;
    }

    /** {@code end} moved back over trailing white space, never below {@code floor}. */
    private static int trimEnd(String content, int floor, int end) {
        while (end > floor && Character.isWhitespace(content.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
