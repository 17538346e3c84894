package io.caravan.throttle;

/**
 * A question refused for now (429 too many, 503 busy) that the caller may repeat after {@code retryAfterSeconds};
 * every channel maps it to its own error reply, HTTP with a {@code Retry-After} header.
 */
public class RetryLaterException extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    /**
     * @param status the HTTP status the refusal stands for (429 or 503)
     * @param code   the error code of the JSON reply
     */
    public RetryLaterException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Whole seconds to wait, at least 1 (the HTTP {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
