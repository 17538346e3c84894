package io.caravan.auth;

import java.util.Locale;
import java.util.function.Function;

/**
 * Turns an {@code Authorization} header into an {@link Identity} (docs/http-api.md#authentication). Authentication
 * is on as soon as an API key file or a token issuer is configured; then every request needs
 * {@code Authorization: Bearer <API key or JWT>}. A value shaped like a JWT goes to the token verifier, anything
 * else is looked up as an API key. Off, every caller is {@link Identity#anonymous()}. Thread safe.
 */
public class Authenticator {

    private final ApiKeys keys;
    private final Function<String, Identity> tokens;

    /**
     * @param keys   the API keys, or {@code null} when no key file is configured
     * @param tokens verifies a JWT into its caller (throwing {@link AuthenticationException}), or {@code null}
     *               when no issuer is configured
     */
    public Authenticator(ApiKeys keys, Function<String, Identity> tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    /** No authentication: every caller is anonymous. */
    public static Authenticator off() {
        return new Authenticator(null, null);
    }

    /** Whether callers must prove who they are. */
    public boolean isOn() {
        return keys != null || tokens != null;
    }

    /**
     * The caller presenting {@code authorization}.
     *
     * @throws AuthenticationException when authentication is on and the header is missing, not a Bearer
     *                                 credential, or a credential that does not verify
     */
    public Identity authenticate(String authorization) {
        if (!isOn()) {
            return Identity.anonymous();
        }
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("missing", "this API needs a credential: send Authorization: Bearer "
                    + "<API key or token>");
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new AuthenticationException("malformed", "the Authorization header must be \"Bearer <API key or "
                    + "token>\"");
        }
        return credential(value.substring(7).strip());
    }

    /**
     * The caller presenting the bare credential {@code credential} (an API key or a JWT).
     *
     * @throws AuthenticationException when it does not verify
     */
    public Identity credential(String credential) {
        if (credential == null || credential.isEmpty()) {
            throw new AuthenticationException("missing", "the bearer credential is empty");
        }
        // a JWS in compact form has three base64url segments; an API key has no dot
        if (JwtVerifier.looksLikeJwt(credential)) {
            if (tokens == null) {
                throw new AuthenticationException("invalid_token", "tokens are not accepted here: no issuer is "
                        + "configured (caravan.auth.jwt.issuer)");
            }
            return tokens.apply(credential);
        }
        if (keys == null) {
            throw new AuthenticationException("unknown_key", "API keys are not accepted here: no key file is "
                    + "configured (caravan.auth.api-keys-file)");
        }
        return keys.authenticate(credential);
    }

    /** The API keys, or {@code null} when none are configured. */
    public ApiKeys keys() {
        return keys;
    }
}
