package io.caravan.channel;

import java.util.Map;

/**
 * The body of {@code GET /api/health}.
 *
 * @param status {@code UP} when live and ready, else {@code DOWN}
 * @param live   the process runs
 * @param ready  every dependency answers, so requests can be served
 * @param checks each dependency's state
 */
public record Health(String status, boolean live, boolean ready, Map<String, String> checks) {
}
