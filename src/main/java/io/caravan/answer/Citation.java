package io.caravan.answer;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;

/**
 * A passage an answer cites as {@code [n]}.
 *
 * @param n       the number used in the answer text
 * @param docId   the cited document
 * @param source  its source name
 * @param title   its title
 * @param section the passage's heading path, empty when it has none
 * @param page    the passage's page, or {@code null}
 * @param snippet the cited text: the passage's beginning, or a window around {@code quote} (see {@link Snippet})
 * @param quote   the passage's sentence the answer relies on for {@code [n]}, exactly as it appears in
 *                {@code snippet}, or {@code null} when none was found
 * @param score   the passage's retrieval score
 */
public record Citation(int n, String docId, String source, String title, String section, Integer page,
                       String snippet, String quote, double score) {
    public Citation {
        section = section == null ? "" : section;
        // the page highlights the quote inside the snippet: one that is not there would highlight nothing
        if (quote != null && (snippet == null || !snippet.contains(quote))) {
            throw new IllegalArgumentException("citation [" + n + "]: the quote is not part of the snippet");
        }
    }

    /**
     * The citation {@code [n]} of {@code hit}, whose snippet of at most about {@code snippetChars} characters shows
     * {@code quote} (a sentence of the passage, or {@code null}).
     */
    public static Citation of(int n, Hit hit, String quote, int snippetChars) {
        Chunk chunk = hit.chunk();
        Snippet snippet = Snippet.of(chunk.content(), quote, snippetChars);
        return new Citation(n, chunk.docId(), chunk.source(), chunk.title(), chunk.section(), chunk.page(),
                snippet.text(), snippet.quote(), hit.score());
    }
}
