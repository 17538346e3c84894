package io.caravan.channel;

/**
 * The body of {@code GET /api/health/live}: the process answers HTTP. It checks no dependency, so that a down
 * Elasticsearch or broker makes an instance unready, never restarted (docs/operations.md#kubernetes).
 *
 * @param status always {@code UP}: an instance that cannot serve does not answer at all
 */
public record Liveness(String status) {

    /** The one answer a live process gives. */
    public static final Liveness UP = new Liveness("UP");
}
