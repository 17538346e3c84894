package io.caravan.channel;

/** A request refused for now (429, 503) that the caller may repeat after {@code retryAfterSeconds}. */
public class RetryLaterException extends ApiException {
    private final long retryAfterSeconds;

    public RetryLaterException(int status, String code, String message, long retryAfterSeconds) {
        super(status, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds to wait, at least 1 (the HTTP {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
