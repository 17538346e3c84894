package io.caravan.channel;

import io.caravan.auth.AuthenticationException;
import io.caravan.index.EmbeddingModelMismatchException;
import io.caravan.index.IndexUnavailableException;
import io.caravan.throttle.RetryLaterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps any failure of a request to its status and JSON error body, never exposing a stack trace. Thread safe. */
public class ErrorReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);

    /** The reply body for {@code error}. */
    public ErrorReply replyFor(Throwable thrown, String requestId) {
        Throwable error = meaningful(thrown);
        if (error instanceof ApiException api) {
            return new ErrorReply(new ErrorReply.Detail(api.code(), api.getMessage()), requestId);
        }
        if (error instanceof RetryLaterException retry) {
            return new ErrorReply(new ErrorReply.Detail(retry.code(), retry.getMessage()), requestId);
        }
        if (error instanceof AuthenticationException auth) {
            return new ErrorReply(new ErrorReply.Detail(isUnavailable(auth) ? "unavailable" : "unauthorized",
                    auth.getMessage()), requestId);
        }
        if (error instanceof EmbeddingModelMismatchException) {
            return new ErrorReply(new ErrorReply.Detail("index_model_mismatch", error.getMessage()), requestId);
        }
        if (error instanceof IndexUnavailableException) {
            return new ErrorReply(new ErrorReply.Detail("unavailable", "the index is unavailable: "
                    + error.getMessage()), requestId);
        }
        LOG.error("request failed requestId={}", requestId, thrown);
        return new ErrorReply(new ErrorReply.Detail("internal_error",
                "the request failed; the log has details under requestId " + requestId), requestId);
    }

    /** The HTTP status for {@code error}. */
    public int statusFor(Throwable thrown) {
        Throwable error = meaningful(thrown);
        if (error instanceof ApiException api) {
            return api.status();
        }
        if (error instanceof RetryLaterException retry) {
            return retry.status();
        }
        if (error instanceof AuthenticationException auth) {
            return isUnavailable(auth) ? 503 : 401;
        }
        if (error instanceof EmbeddingModelMismatchException || error instanceof IndexUnavailableException) {
            return 503;
        }
        return 500;
    }

    /** The {@code Retry-After} seconds for {@code error}, or {@code null} when retrying later would not help. */
    public Long retryAfterFor(Throwable thrown) {
        return meaningful(thrown) instanceof RetryLaterException retry ? retry.retryAfterSeconds() : null;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a 401 (RFC 6750): {@code Bearer realm="caravan"}, with
     * {@code error="invalid_token"} when a credential was presented; {@code null} for any other error.
     */
    public String challengeFor(Throwable thrown) {
        if (!(meaningful(thrown) instanceof AuthenticationException auth) || isUnavailable(auth)) {
            return null;
        }
        boolean presented = !"missing".equals(auth.reason());
        return "Bearer realm=\"caravan\"" + (presented ? ", error=\"invalid_token\"" : "");
    }

    // the issuer's keys could not be fetched: the credential may be good, the caller should retry, not re-login
    private static boolean isUnavailable(AuthenticationException auth) {
        return "unavailable".equals(auth.reason());
    }

    // Camel wraps what beans throw inside expressions (RuntimeBeanExpressionException); the cause says what happened
    private static Throwable meaningful(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException || t instanceof RetryLaterException || t instanceof AuthenticationException
                    || t instanceof EmbeddingModelMismatchException || t instanceof IndexUnavailableException) {
                return t;
            }
        }
        return thrown;
    }
}
