package io.caravan.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OIDC issuer's two public endpoints over HTTP on the JDK's server: the discovery document and the JWKS, whose
 * keys a test can swap (rotation) and whose discovery it can make fail (an issuer that is down), counting the calls.
 *
 * <p>Beside the real OIDC server of {@code OidcIssuerIT} (mock-oauth2-server): this one lets a test rotate the
 * issuer's keys, take it down and count its requests, which that server does not offer.
 */
public final class TestIssuer implements AutoCloseable {

    static final String REALM_PATH = "/realms/caravan";

    private final HttpServer server;
    private final String issuer;
    private volatile JWKSet published = new JWKSet();
    private volatile boolean discoveryFailing;
    private volatile String statedIssuer;
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();

    public TestIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", this::discovery);
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", this::jwks);
        server.start();
    }

    public String issuer() {
        return issuer;
    }

    URI jwksUri() {
        return URI.create(issuer + "/protocol/openid-connect/certs");
    }

    /** Publishes the public halves of {@code keys}, and only them, from now on. */
    public void publish(JWK... keys) {
        published = new JWKSet(List.of(keys)).toPublicJWKSet();
    }

    /** Makes the discovery document answer 503 (or answer again). */
    void failDiscovery(boolean failing) {
        discoveryFailing = failing;
    }

    /** Makes the discovery document name {@code issuer} instead of this issuer. */
    void stateIssuer(String issuer) {
        statedIssuer = issuer;
    }

    int discoveryRequests() {
        return discoveryRequests.get();
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    void reset() {
        published = new JWKSet();
        discoveryFailing = false;
        statedIssuer = null;
        discoveryRequests.set(0);
        jwksRequests.set(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        if (discoveryFailing) {
            reply(exchange, 503, "{\"error\":\"down\"}");
            return;
        }
        String stated = statedIssuer == null ? issuer : statedIssuer;
        reply(exchange, 200, "{\"issuer\":\"" + stated + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        reply(exchange, 200, com.nimbusds.jose.util.JSONObjectUtils.toJSONString(published.toJSONObject(true)));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putAll(Map.of("Content-Type", List.of("application/json")));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
