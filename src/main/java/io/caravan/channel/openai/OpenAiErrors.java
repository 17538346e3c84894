package io.caravan.channel.openai;

import io.caravan.channel.ErrorReplies;
import io.caravan.channel.ErrorReply;

/**
 * Maps any failure of an OpenAI-compatible request to its status and OpenAI-shaped error body
 * (docs/openai-compatible.md#errors), in one place: the status, the message, {@code Retry-After} and the
 * {@code WWW-Authenticate} challenge are Caravan's own ({@link ErrorReplies}, so {@code /api} and {@code /v1} never
 * disagree); only the {@code type} and {@code code} are OpenAI's. Never a stack trace or a credential. Thread safe.
 */
public class OpenAiErrors {

    private final ErrorReplies errors;

    public OpenAiErrors(ErrorReplies errors) {
        this.errors = errors;
    }

    /** The error body for {@code thrown}; an unexpected failure is logged under {@code requestId}. */
    public OpenAiError replyFor(Throwable thrown, String requestId) {
        ErrorReply.Detail caravan = errors.replyFor(thrown, requestId).error();
        int status = errors.statusFor(thrown);
        return new OpenAiError(new OpenAiError.Detail(caravan.message(), typeFor(status), paramOf(thrown),
                codeFor(status, caravan.code())));
    }

    /** The HTTP status for {@code thrown}. */
    public int statusFor(Throwable thrown) {
        return errors.statusFor(thrown);
    }

    /** The {@code Retry-After} seconds of a 429 or 503, else {@code null}. */
    public Long retryAfterFor(Throwable thrown) {
        return errors.retryAfterFor(thrown);
    }

    /** The {@code WWW-Authenticate} challenge of a 401, else {@code null}. */
    public String challengeFor(Throwable thrown) {
        return errors.challengeFor(thrown);
    }

    /** OpenAI's error class for a status. */
    static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "server_error";
        };
    }

    // OpenAI's codes where clients know them; Caravan's own (bad_request, llm_busy, unavailable, ...) otherwise
    static String codeFor(int status, String caravanCode) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> caravanCode;
        };
    }

    private static String paramOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidChatRequestException invalid) {
                return invalid.param();
            }
        }
        return null;
    }
}
