package io.caravan.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/health/ready}: whether this instance can serve requests now, and what is down if not.
 *
 * @param status {@code UP} when ready, else {@code DOWN}
 * @param ready  every check is up
 * @param checks each dependency's state, {@code UP} or {@code DOWN}
 * @param down   the names of the checks that are down, in the order of {@code checks}; empty when ready
 */
public record Readiness(String status, boolean ready, Map<String, String> checks, List<String> down) {

    public Readiness {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        down = List.copyOf(down);
    }

    /** The readiness that {@code checks} make. */
    static Readiness of(Map<String, String> checks) {
        List<String> down = checks.entrySet().stream()
                .filter(check -> !HealthReporter.UP.equals(check.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        return new Readiness(down.isEmpty() ? HealthReporter.UP : HealthReporter.DOWN, down.isEmpty(), checks, down);
    }
}
