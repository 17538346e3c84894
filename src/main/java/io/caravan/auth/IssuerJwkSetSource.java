package io.caravan.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;

/**
 * The issuer's current signing keys, fetched from its JWKS URL; when none is configured the URL is found by
 * {@link OidcDiscovery} on the first fetch, not at construction, so Caravan starts while the issuer is down and a
 * failed discovery is tried again on the next fetch. Thread safe.
 *
 * <p>It only fetches: Nimbus' {@code JWKSourceBuilder} wraps it in the cache, the refresh-ahead, the rate limit
 * and the outage tolerance, so a fetch happens only when those let it through.
 */
final class IssuerJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerJwkSetSource.class);

    private final OidcDiscovery discovery;
    private final ResourceRetriever retriever;
    private volatile URLBasedJWKSetSource<SecurityContext> located;
    private volatile boolean served;

    /** Keys at {@code jwksUrl}, or at the URL {@code discovery} names when {@code jwksUrl} is {@code null}. */
    IssuerJwkSetSource(URL jwksUrl, OidcDiscovery discovery, ResourceRetriever retriever) {
        this.discovery = discovery;
        this.retriever = retriever;
        this.located = jwksUrl == null ? null : new URLBasedJWKSetSource<>(jwksUrl, retriever);
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        JWKSet keys = located().getJWKSet(refreshEvaluator, currentTime, context);
        served = true;
        return keys;
    }

    /**
     * Whether a key set was ever fetched: after that, a refused re-fetch means "no such key", before it "the issuer
     * cannot be reached".
     */
    boolean hasServedKeys() {
        return served;
    }

    private URLBasedJWKSetSource<SecurityContext> located() throws KeySourceException {
        URLBasedJWKSetSource<SecurityContext> source = located;
        if (source == null) {
            synchronized (this) {
                if (located == null) {
                    URL jwksUrl = discovery.jwksUrl();
                    LOG.info("the token issuer publishes its signing keys at {}", jwksUrl);
                    located = new URLBasedJWKSetSource<>(jwksUrl, retriever);
                }
                source = located;
            }
        }
        return source;
    }

    @Override
    public void close() throws IOException {
        // nothing held: each fetch opens and closes its own connection
    }
}
