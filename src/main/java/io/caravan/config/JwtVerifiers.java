package io.caravan.config;

import io.caravan.auth.Identity;

import java.util.function.Function;

/** Builds the token verifier from {@code caravan.auth.jwt.*}. */
final class JwtVerifiers {

    private JwtVerifiers() {
    }

    static Function<String, Identity> of(AuthSettings.Jwt jwt) {
        throw new IllegalStateException("caravan.auth.jwt.issuer is set but tokens are not supported yet");
    }
}
