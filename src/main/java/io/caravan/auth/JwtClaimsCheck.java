package io.caravan.auth;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Checks the registered claims of a token whose signature is already verified: issuer, audience, expiry (required)
 * and not-before, each failure with its own {@link AuthenticationException#reason()}. Immutable, thread safe.
 *
 * <p>Written here rather than with Nimbus' {@code DefaultJWTClaimsVerifier} because that one reports every failure
 * as the same exception type, and the reasons feed the auth-failure metric (docs/http-api.md#authentication).
 */
final class JwtClaimsCheck {

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;

    JwtClaimsCheck(String issuer, String audience, Duration clockSkew) {
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkew = clockSkew;
    }

    /** @throws AuthenticationException when a claim refuses the token at {@code now} */
    void check(JWTClaimsSet claims, Instant now) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new AuthenticationException("wrong_issuer", "the token was not issued by the issuer Caravan trusts");
        }
        if (!claims.getAudience().contains(audience)) {
            throw new AuthenticationException("wrong_audience", "the token is not meant for Caravan (aud)");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            // a token without exp would be valid forever: RFC 9068 §2.2 makes exp required in access tokens
            throw new AuthenticationException("invalid_token", "the token has no expiry (exp)");
        }
        if (now.isAfter(expiry.toInstant().plus(clockSkew))) {
            throw new AuthenticationException("expired", "the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(clockSkew))) {
            throw new AuthenticationException("invalid_token", "the token is not valid yet (nbf)");
        }
    }
}
