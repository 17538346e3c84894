package io.caravan.channel;

/**
 * The JSON error body of every channel: {@code {"error":{"code","message"},"requestId"}}.
 *
 * @param error     what went wrong
 * @param requestId the request it answers
 */
public record ErrorReply(Detail error, String requestId) {

    /**
     * @param code    machine-readable code
     * @param message human-readable reason
     */
    public record Detail(String code, String message) {
    }
}
