package io.caravan.channel;

import io.caravan.auth.AuditLog;
import io.caravan.auth.AuthenticationException;
import io.caravan.auth.Authenticator;
import io.caravan.auth.CredentialFailures;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.caravan.throttle.RetryLaterException;

/**
 * Who is calling over HTTP (docs/http-api.md#authentication): the {@code Authorization} header checked by the
 * {@link Authenticator}, the per-address throttle on failed credentials, and the role checks of the operations that
 * change documents. Every refusal is audited. Thread safe.
 */
public class HttpAuthentication {

    private static final String CHANNEL = "http";

    private final Authenticator authenticator;
    private final CredentialFailures failures;
    private final AuditLog audit;
    private final boolean metricsOpen;

    public HttpAuthentication(Authenticator authenticator, CredentialFailures failures, AuditLog audit,
                              boolean metricsOpen) {
        this.authenticator = authenticator;
        this.failures = failures;
        this.audit = audit;
        this.metricsOpen = metricsOpen;
    }

    /**
     * The caller of a request.
     *
     * @param remoteAddress the platform-http remote address (a Vert.x {@code SocketAddress}), or {@code null}
     * @throws AuthenticationException 401 (503 when a token cannot be checked now)
     * @throws RetryLaterException     429 while the client's address presented too many failed credentials
     */
    public Identity authenticate(String authorization, Object remoteAddress, String requestId) {
        if (!authenticator.isOn()) {
            return Identity.anonymous();
        }
        String address = CallerKeys.addressOf(remoteAddress);
        try {
            failures.check(address);
        } catch (RetryLaterException e) {
            audit.authenticationFailed(requestId, CHANNEL, "too_many_failures", address);
            throw e;
        }
        try {
            return authenticator.authenticate(authorization);
        } catch (AuthenticationException e) {
            if (!"unavailable".equals(e.reason())) {
                failures.failed(address);
            }
            audit.authenticationFailed(requestId, CHANNEL, e.reason(), address);
            throw e;
        }
    }

    /** The caller of a {@code /metrics} scrape: anyone while the endpoint is open, else a valid credential. */
    public void authenticateScrape(String authorization, Object remoteAddress, String requestId) {
        if (!metricsOpen) {
            authenticate(authorization, remoteAddress, requestId);
        }
    }

    /**
     * Refuses an operation {@code caller}'s role does not allow.
     *
     * @param role      the role needed, by name ({@code editor}: the routes name it)
     * @param operation what was attempted, as the reply says it ("upload documents")
     * @throws ApiException 403
     */
    public void require(Identity caller, String role, String operation, String requestId) {
        Role needed = Role.of(role);
        if (!caller.has(needed)) {
            audit.denied(requestId, CHANNEL, "forbidden", caller.principal());
            throw ApiException.forbidden("your role (" + caller.role().label() + ") may not " + operation
                    + "; that needs " + needed.label() + " or admin");
        }
    }

    /** {@code GET /api/me}: who {@code caller} is taken to be, and whether authentication is on. */
    public CallerView describe(Identity caller) {
        return CallerView.of(caller, isOn());
    }

    /** Whether callers must authenticate. */
    public boolean isOn() {
        return authenticator.isOn();
    }
}
