package io.caravan.auth;

/**
 * A credential that does not prove who the caller is. The message is safe to return to the caller (it never
 * repeats the credential); {@link #reason()} is a short fixed code for logs and the auth-failure metric.
 */
public class AuthenticationException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  a fixed code: {@code missing}, {@code malformed}, {@code unknown_key}, {@code expired},
     *                {@code bad_signature}, {@code wrong_issuer}, {@code wrong_audience}, {@code invalid_token},
     *                {@code unavailable} (the token could not be checked now, e.g. the issuer's keys are unreachable)
     * @param message what the caller is told
     */
    public AuthenticationException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AuthenticationException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
