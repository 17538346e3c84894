package io.caravan.config;

import io.caravan.auth.JwtSettings;
import io.caravan.auth.Role;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Who may call, {@code caravan.auth.*} (docs/http-api.md#authentication). Authentication is on as soon as a key
 * file or a token issuer is configured.
 *
 * @param apiKeysFile    the API key file, or {@code null} for no keys
 * @param jwt            the token issuer's settings ({@code caravan.auth.jwt.*}), or {@code null} for no tokens
 * @param metricsOpen    whether {@code /metrics} answers without a credential
 * @param failureLimit   failed credentials one client address may present per window before it gets 429
 * @param failureWindow  the window of {@code failureLimit}
 */
public record AuthSettings(Path apiKeysFile, JwtSettings jwt, boolean metricsOpen, int failureLimit, Duration failureWindow) {

    /** Whether callers must prove who they are. */
    public boolean isOn() {
        return apiKeysFile != null || jwt != null;
    }

    private static JwtSettings jwt(Settings settings, String issuer) {
        String jwks = settings.optional("caravan.auth.jwt.jwks-url");
        try {
            return new JwtSettings(issuer, jwks == null ? null : URI.create(jwks),
                    settings.optional("caravan.auth.jwt.audience"), settings.string("caravan.auth.jwt.principal-claim"),
                    settings.string("caravan.auth.jwt.groups-claim"), settings.string("caravan.auth.jwt.role-claim"),
                    Role.of(settings.string("caravan.auth.jwt.default-role")),
                    settings.duration("caravan.auth.jwt.clock-skew"),
                    settings.duration("caravan.auth.jwt.jwks-cache-lifetime"),
                    settings.duration("caravan.auth.jwt.jwks-refetch-min-interval"),
                    settings.duration("caravan.auth.jwt.http-timeout"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caravan.auth.jwt.*: " + e.getMessage(), e);
        }
    }

    static AuthSettings read(Settings settings) {
        String keys = settings.optional("caravan.auth.api-keys-file");
        String issuer = settings.optional("caravan.auth.jwt.issuer");
        JwtSettings jwt = issuer == null ? null : jwt(settings, issuer);
        int failureLimit = settings.integer("caravan.auth.failure-limit");
        if (failureLimit < 1) {
            throw new IllegalStateException("caravan.auth.failure-limit must be 1 or more, was " + failureLimit);
        }
        return new AuthSettings(keys == null ? null : Path.of(keys), jwt, settings.bool("caravan.auth.metrics-open"),
                failureLimit, settings.duration("caravan.auth.failure-window"));
    }
}
