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
 * @param page    the passage's page, or {@code null}
 * @param snippet the cited text
 * @param score   the passage's retrieval score
 */
public record Citation(int n, String docId, String source, String title, Integer page, String snippet,
                       double score) {

    /** The citation {@code [n]} of {@code hit}, its snippet cut at a word within {@code snippetChars}. */
    public static Citation of(int n, Hit hit, int snippetChars) {
        Chunk chunk = hit.chunk();
        return new Citation(n, chunk.docId(), chunk.source(), chunk.title(), chunk.page(),
                snippet(chunk.content(), snippetChars), hit.score());
    }

    private static String snippet(String content, int snippetChars) {
        if (content.length() <= snippetChars) {
            return content;
        }
        int cut = content.lastIndexOf(' ', snippetChars);
        return content.substring(0, cut > snippetChars / 2 ? cut : snippetChars) + "…";
    }
}
