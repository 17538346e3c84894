package io.caravan.answer;

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
}
