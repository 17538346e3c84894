package io.caravan.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link JwtVerifier} checks OIDC bearer tokens (docs/http-api.md#authentication). Immutable and checked when
 * built, so a wrong value fails at start, naming the setting by the last part of its key.
 *
 * <p>The audience is required: without it any token the issuer mints for any other application (another client of
 * the same realm, say) would be accepted here, and RFC 9068 §4 makes the {@code aud} check mandatory for a
 * resource server. Most providers can add Caravan's audience to their tokens (a Keycloak "audience" mapper, an
 * Entra ID application ID URI); there is deliberately no switch to turn the check off.
 *
 * <p>{@code null} (or a blank name) for any setting after the audience means its default.
 *
 * @param issuer                 the {@code iss} every token must carry, exactly; an absolute http(s) URL
 * @param jwksUrl                where the issuer's signing keys are, or {@code null} to read {@code jwks_uri} from
 *                               {@code <issuer>/.well-known/openid-configuration} on first use
 * @param audience               what the token's {@code aud} must contain
 * @param principalClaim         the claim naming the caller (default {@code sub})
 * @param groupsClaim            the claim with the caller's ACL groups, an array or a space/comma separated string
 *                               (default {@code groups})
 * @param roleClaim              the claim with the caller's role, a string or an array; the highest of
 *                               {@code reader}, {@code editor}, {@code admin} it names wins (default
 *                               {@code caravan_role})
 * @param defaultRole            the role of a token whose role claim names no known role (default reader)
 * @param clockSkew              how far {@code exp} and {@code nbf} may be off from this machine's clock (default 60 s)
 * @param jwksCacheLifetime      how long fetched keys are trusted before they are fetched again (default 5 min, at
 *                               least 1 min: they are refreshed in the background 30 s before they expire)
 * @param jwksRefetchMinInterval the least time between two fetches of the keys, so tokens with unknown key ids
 *                               cannot make Caravan hammer the issuer (default 30 s, less than the cache lifetime)
 * @param httpTimeout            the connect and the read timeout of each call to the issuer (default 2 s)
 */
public record JwtSettings(String issuer, URI jwksUrl, String audience, String principalClaim, String groupsClaim,
                          String roleClaim, Role defaultRole, Duration clockSkew, Duration jwksCacheLifetime,
                          Duration jwksRefetchMinInterval, Duration httpTimeout) {

    public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final String DEFAULT_ROLE_CLAIM = "caravan_role";
    public static final Role DEFAULT_ROLE = Role.READER;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_CACHE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration DEFAULT_JWKS_REFETCH_MIN_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(2);

    /** The shortest cache lifetime: the 30 s refresh-ahead and the 15 s wait for a refresh must fit in it. */
    static final Duration MIN_JWKS_CACHE_LIFETIME = Duration.ofMinutes(1);

    public JwtSettings {
        issuer = requireHttpUrl(issuer, "issuer");
        if (jwksUrl != null) {
            requireHttpUrl(jwksUrl.toString(), "jwks-url");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("audience is required with an issuer: the value the tokens' \"aud\""
                    + " must contain, so tokens the issuer minted for other applications are refused");
        }
        principalClaim = orDefault(principalClaim, DEFAULT_PRINCIPAL_CLAIM);
        groupsClaim = orDefault(groupsClaim, DEFAULT_GROUPS_CLAIM);
        roleClaim = orDefault(roleClaim, DEFAULT_ROLE_CLAIM);
        defaultRole = Objects.requireNonNullElse(defaultRole, DEFAULT_ROLE);
        clockSkew = Objects.requireNonNullElse(clockSkew, DEFAULT_CLOCK_SKEW);
        jwksCacheLifetime = Objects.requireNonNullElse(jwksCacheLifetime, DEFAULT_JWKS_CACHE_LIFETIME);
        jwksRefetchMinInterval = Objects.requireNonNullElse(jwksRefetchMinInterval, DEFAULT_JWKS_REFETCH_MIN_INTERVAL);
        httpTimeout = Objects.requireNonNullElse(httpTimeout, DEFAULT_HTTP_TIMEOUT);
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock-skew must not be negative: " + clockSkew);
        }
        if (jwksCacheLifetime.compareTo(MIN_JWKS_CACHE_LIFETIME) < 0) {
            throw new IllegalArgumentException("jwks-cache-lifetime must be at least 1m: " + jwksCacheLifetime);
        }
        if (jwksRefetchMinInterval.isNegative() || jwksRefetchMinInterval.isZero()
                || jwksRefetchMinInterval.compareTo(jwksCacheLifetime) >= 0) {
            throw new IllegalArgumentException("jwks-refetch-min-interval must be above zero and below"
                    + " jwks-cache-lifetime (" + jwksCacheLifetime + "): " + jwksRefetchMinInterval);
        }
        if (httpTimeout.isNegative() || httpTimeout.isZero() || httpTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("http-timeout must be above zero and at most 30s: " + httpTimeout);
        }
    }

    /** Settings that check {@code issuer} and {@code audience}, find the keys by discovery and use every default. */
    public static JwtSettings defaults(String issuer, String audience) {
        return new JwtSettings(issuer, null, audience, null, null, null, null, null, null, null, null);
    }

    private static String orDefault(String claim, String fallback) {
        return claim == null || claim.isBlank() ? fallback : claim.strip();
    }

    private static String requireHttpUrl(String url, String name) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(name + " is required: the http(s) URL of the token issuer");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + url);
        }
        return url.strip();
    }
}
