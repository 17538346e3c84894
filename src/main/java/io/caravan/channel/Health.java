package io.caravan.channel;

import java.util.Map;

/**
 * The body of {@code GET /api/health}.
 *
 * @param status {@code UP} when live and ready, else {@code DOWN}
 * @param live   the process runs
 * @param ready  every dependency answers, so requests can be served
 * @param checks  each dependency's state
 * @param sources whether this instance runs the sources: {@code standalone} (no election), {@code leader} or
 *                {@code follower} (docs/operations.md#scale-out)
 * @param ocr     whether scans can be read: {@code available}, {@code unavailable} (Tesseract or a language pack
 *                missing: scans are quarantined, the instance is still ready) or {@code off}
 */
public record Health(String status, boolean live, boolean ready, Map<String, String> checks, String sources,
                     String ocr) {
}
