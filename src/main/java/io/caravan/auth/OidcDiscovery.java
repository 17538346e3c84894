package io.caravan.auth;

import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads where an OIDC issuer publishes its signing keys: the {@code jwks_uri} of its discovery document
 * {@code <issuer>/.well-known/openid-configuration} (OpenID Connect Discovery 1.0, §4). Thread safe; every call asks
 * the issuer, so callers keep the answer.
 *
 * <p>Failures are {@link com.nimbusds.jose.jwk.source.JWKSetUnavailableException}s, the type Nimbus' key cache
 * treats as "the keys cannot be had now", so a failed discovery is retried like a failed key fetch.
 */
final class OidcDiscovery {

    private final String issuer;
    private final URL documentUrl;
    private final ResourceRetriever retriever;

    OidcDiscovery(String issuer, ResourceRetriever retriever) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.documentUrl = toUrl(documentUri(issuer));
    }

    /** Where the discovery document of {@code issuer} is: any trailing slash is dropped first (§4.1). */
    static URI documentUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** The issuer's {@code jwks_uri}, read now. */
    URL jwksUrl() throws JWKSetRetrievalException, JWKSetParseException {
        String body;
        try {
            body = retriever.retrieveResource(documentUrl).getContent();
        } catch (IOException e) {
            throw new JWKSetRetrievalException("the discovery document " + documentUrl + " could not be read: "
                    + e.getMessage(), e);
        }
        try {
            Map<String, Object> document = JSONObjectUtils.parse(body);
            // §4.3: the document must name the issuer it was asked for, or it may send us to someone else's keys
            String stated = JSONObjectUtils.getString(document, "issuer");
            if (!issuer.equals(stated)) {
                throw new JWKSetParseException("the discovery document " + documentUrl + " names issuer \"" + stated
                        + "\", not the configured \"" + issuer + "\"", null);
            }
            URI jwks = JSONObjectUtils.getURI(document, "jwks_uri");
            if (jwks == null) {
                throw new JWKSetParseException("the discovery document " + documentUrl + " has no jwks_uri", null);
            }
            String scheme = jwks.getScheme() == null ? "" : jwks.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new JWKSetParseException("the jwks_uri of " + documentUrl + " is not an http(s) URL", null);
            }
            return toUrl(jwks);
        } catch (ParseException | IllegalArgumentException e) {
            throw new JWKSetParseException("the discovery document " + documentUrl + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }
}
