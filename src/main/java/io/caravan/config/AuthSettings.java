package io.caravan.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Who may call, {@code caravan.auth.*} (docs/http-api.md#authentication). Authentication is on as soon as a key
 * file or a token issuer is configured.
 *
 * @param apiKeysFile    the API key file, or {@code null} for no keys
 * @param jwt            the token issuer's settings, or {@code null} for no tokens
 * @param metricsOpen    whether {@code /metrics} answers without a credential
 * @param failureLimit   failed credentials one client address may present per window before it gets 429
 * @param failureWindow  the window of {@code failureLimit}
 */
public record AuthSettings(Path apiKeysFile, Jwt jwt, boolean metricsOpen, int failureLimit, Duration failureWindow) {

    /**
     * The OIDC issuer whose JWTs are accepted ({@code caravan.auth.jwt.*}).
     *
     * @param issuer         the {@code iss} every token must carry
     * @param jwksUrl        where its signing keys are, or {@code null} for its discovery document's {@code jwks_uri}
     * @param audience       the {@code aud} every token must carry, or {@code null} to accept any
     * @param groupsClaim    the claim holding the caller's ACL groups
     * @param principalClaim the claim naming the caller
     * @param roleClaim      the claim holding the caller's role
     * @param defaultRole    the role of a token without one
     */
    public record Jwt(String issuer, String jwksUrl, String audience, String groupsClaim, String principalClaim,
                      String roleClaim, String defaultRole) {
    }

    /** Whether callers must prove who they are. */
    public boolean isOn() {
        return apiKeysFile != null || jwt != null;
    }

    static AuthSettings read(Settings settings) {
        String keys = settings.optional("caravan.auth.api-keys-file");
        String issuer = settings.optional("caravan.auth.jwt.issuer");
        Jwt jwt = issuer == null ? null : new Jwt(issuer, settings.optional("caravan.auth.jwt.jwks-url"),
                settings.optional("caravan.auth.jwt.audience"), settings.string("caravan.auth.jwt.groups-claim"),
                settings.string("caravan.auth.jwt.principal-claim"), settings.string("caravan.auth.jwt.role-claim"),
                settings.string("caravan.auth.jwt.default-role"));
        int failureLimit = settings.integer("caravan.auth.failure-limit");
        if (failureLimit < 1) {
            throw new IllegalStateException("caravan.auth.failure-limit must be 1 or more, was " + failureLimit);
        }
        return new AuthSettings(keys == null ? null : Path.of(keys), jwt, settings.bool("caravan.auth.metrics-open"),
                failureLimit, settings.duration("caravan.auth.failure-window"));
    }
}
