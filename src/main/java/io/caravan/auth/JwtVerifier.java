package io.caravan.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;

/**
 * Verifies an OIDC/JWT bearer token and says who it names (docs/http-api.md#authentication): the signature against
 * the issuer's published keys, then issuer, audience, expiry and not-before, then the principal, groups and role
 * claims. Thread safe: one instance serves every request.
 *
 * <p>The issuer is not contacted when this is built, so Caravan starts while it is down; the first token fetches
 * the keys (after discovery when no JWKS URL is configured). Keys are then served from a cache that refreshes in the
 * background before it expires, so no request waits on the network while the issuer is healthy; a token signed by
 * an unknown key id re-fetches the keys, at most once per {@link JwtSettings#jwksRefetchMinInterval()}, so a
 * rotated key works without a restart; and the last keys keep serving for ten cache lifetimes while the issuer
 * cannot be reached. All of this is Nimbus' {@link JWKSourceBuilder}.
 *
 * <p>Only asymmetric signatures are accepted (RSA, RSA-PSS, ECDSA): {@code alg: none} and HMAC are refused before
 * any key is looked up, so a token "signed" with the issuer's public key as an HMAC secret cannot pass. Keys named
 * in the token's header ({@code jwk}, {@code jku}, {@code x5u}) are never used. Failure messages are safe to show the
 * caller and never repeat the token.
 */
public final class JwtVerifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);

    /** The signature algorithms a token may use: the asymmetric ones the JDK verifies without extra providers. */
    public static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** {@code typ} absent, {@code JWT}, or the access-token types of RFC 9068 §2.1. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TOKEN_TYPES =
            new DefaultJOSEObjectTypeVerifier<>(null, JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                    new JOSEObjectType("application/at+jwt"));

    /** Three base64url segments; the last may be empty, so an unsigned token is refused here, not taken for a key. */
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /** How long concurrent requests wait for one key fetch: Nimbus' default, above discovery plus fetch at 2 s. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(15);
    /** How long before expiry the keys are fetched again in the background: Nimbus' default. */
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
    /** Nimbus' default size limit of a discovery document or key set. */
    private static final int MAX_DOCUMENT_BYTES = JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT;

    private final IssuerJwkSetSource issuerKeys;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> signatures;
    private final JwtClaimsCheck claimsCheck;
    private final JwtIdentityMapper identities;

    /** A verifier for {@code settings}; contacts no one until the first {@link #verify}. */
    public JwtVerifier(JwtSettings settings) {
        int timeoutMillis = Math.toIntExact(settings.httpTimeout().toMillis());
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis,
                MAX_DOCUMENT_BYTES);
        this.issuerKeys = new IssuerJwkSetSource(
                settings.jwksUrl() == null ? null : OidcDiscovery.toUrl(settings.jwksUrl()),
                settings.jwksUrl() == null ? new OidcDiscovery(settings.issuer(), retriever) : null,
                retriever);
        long lifetime = settings.jwksCacheLifetime().toMillis();
        this.keys = JWKSourceBuilder.create(issuerKeys)
                .cache(lifetime, REFRESH_WAIT.toMillis())
                .refreshAheadCache(REFRESH_AHEAD.toMillis(), null,
                        Executors.newSingleThreadExecutor(daemonThreads("caravan-jwks-refresh")), true,
                        Executors.newSingleThreadScheduledExecutor(daemonThreads("caravan-jwks-schedule")), true)
                .rateLimited(settings.jwksRefetchMinInterval().toMillis())
                .outageTolerant(lifetime * 10)
                .build();
        this.signatures = new DefaultJWTProcessor<>();
        signatures.setJWSTypeVerifier(TOKEN_TYPES);
        signatures.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, keys));
        // the claims are checked by JwtClaimsCheck, which tells the failures apart
        signatures.setJWTClaimsSetVerifier((claims, context) -> { });
        this.claimsCheck = new JwtClaimsCheck(settings.issuer(), settings.audience(), settings.clockSkew());
        this.identities = new JwtIdentityMapper(settings.principalClaim(), settings.groupsClaim(),
                settings.roleClaim(), settings.defaultRole());
        if (settings.issuer().startsWith("http:")) {
            LOG.warn("the token issuer {} is plain http: its keys can be altered on the way; use https",
                    settings.issuer());
        }
    }

    /**
     * Whether {@code credential} has the shape of a compact JWT (three base64url segments), so an authenticator can
     * tell a bearer token from an API key without parsing it. Says nothing of its validity.
     */
    public static boolean looksLikeJwt(String credential) {
        return credential != null && JWT_SHAPE.matcher(credential).matches();
    }

    /**
     * The identity {@code token} names.
     *
     * @throws AuthenticationException with reason {@code malformed}, {@code bad_signature}, {@code wrong_issuer},
     *                                 {@code wrong_audience}, {@code expired}, {@code invalid_token} or
     *                                 {@code unavailable} (the issuer's keys cannot be had now: answer 503, not 401)
     */
    public Identity verify(String token) {
        SignedJWT jwt = signedJwt(token);
        checkHeader(jwt.getHeader());
        JWTClaimsSet claims = verifySignature(jwt);
        claimsCheck.check(claims, Instant.now());
        return identities.identityOf(claims);
    }

    private static SignedJWT signedJwt(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token == null ? "" : token.strip());
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException("malformed", "the bearer token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException("bad_signature", "the token is not signed (alg none)");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new AuthenticationException("invalid_token", "encrypted tokens are not accepted");
        }
        return (SignedJWT) jwt;
    }

    private static void checkHeader(JWSHeader header) {
        if (!ACCEPTED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw new AuthenticationException("bad_signature", "the token is signed with an algorithm Caravan does"
                    + " not accept (only RS*, PS* and ES* are)");
        }
        try {
            TOKEN_TYPES.verify(header.getType(), null);
        } catch (BadJOSEException e) {
            throw new AuthenticationException("invalid_token", "the token's type (typ) is not a JWT access token");
        }
    }

    private JWTClaimsSet verifySignature(SignedJWT jwt) {
        try {
            return signatures.process(jwt, null);
        } catch (RateLimitReachedException e) {
            if (issuerKeys.hasServedKeys()) {
                // the keys were fetched moments ago and the token's key is not among them
                throw new AuthenticationException("bad_signature", "the token is not signed by a key of the issuer");
            }
            LOG.debug("the token issuer's keys are still unavailable; not asking again yet");
            throw unavailable(e);
        } catch (KeySourceException e) {
            LOG.warn("the token issuer's signing keys cannot be fetched: {}", e.getMessage());
            throw unavailable(e);
        } catch (BadJOSEException | JOSEException e) {
            // an invalid signature, or no published key that fits the token's kid and alg even after a re-fetch
            throw new AuthenticationException("bad_signature", "the token is not signed by a key of the issuer");
        }
    }

    private static AuthenticationException unavailable(Exception cause) {
        return new AuthenticationException("unavailable",
                "tokens cannot be checked now: the token issuer cannot be reached", cause);
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the background key refresh. */
    @Override
    public void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("closing the token issuer's key cache failed", e);
            }
        }
    }
}
