package io.caravan.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link JwtVerifier} against a real issuer over HTTP ({@link TestIssuer}) with tokens signed by real keys. */
class JwtVerifierTest {

    private static final String AUDIENCE = "caravan";

    private static RSAKey issuerKey;
    private static RSAKey rotatedKey;
    private static RSAKey strangerKey;
    private static ECKey ecKey;
    private static TestIssuer issuer;

    private final List<JwtVerifier> verifiers = new ArrayList<>();

    @BeforeAll
    static void startIssuer() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        rotatedKey = new RSAKeyGenerator(2048).keyID("k2").generate();
        // same kid as the issuer's key: only the signature check can tell them apart
        strangerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        issuer = new TestIssuer();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @BeforeEach
    void publishTheIssuerKeys() {
        issuer.reset();
        issuer.publish(issuerKey, ecKey);
    }

    @AfterEach
    void closeVerifiers() {
        verifiers.forEach(JwtVerifier::close);
    }

    // --- valid tokens -------------------------------------------------------------------------------------------

    @Test
    void should_verify_a_token_with_keys_found_through_discovery() {
        // given
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().claim("caravan_role", "editor").build());

        // when
        Identity identity = verifier.verify(token);

        // then
        assertThat(identity.principal()).isEqualTo("alice");
        assertThat(identity.groups()).containsExactly("hr", "sales-emea");
        assertThat(identity.role()).isEqualTo(Role.EDITOR);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void should_verify_an_es256_token_without_a_type_header() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));

        Identity identity = verifier.verify(sign(ecKey, null, claims().build()));

        assertThat(identity.principal()).isEqualTo("alice");
    }

    @Test
    void should_verify_with_an_explicit_jwks_url_without_asking_discovery() {
        // given: discovery is down, but the keys are named directly
        issuer.failDiscovery(true);
        JwtVerifier verifier = verifier(settings(issuer.jwksUri(), null, null, null, null));

        // when
        Identity identity = verifier.verify(sign(issuerKey, claims().build()));

        // then
        assertThat(identity.principal()).isEqualTo("alice");
        assertThat(issuer.discoveryRequests()).isZero();
    }

    @Test
    void should_accept_an_rfc9068_access_token_type() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, new JOSEObjectType("at+jwt"), claims().build());

        assertThat(verifier.verify(token).principal()).isEqualTo("alice");
    }

    @Test
    void should_accept_a_token_that_expired_within_the_clock_skew() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().expirationTime(secondsFromNow(-30)).build());

        assertThat(verifier.verify(token).principal()).isEqualTo("alice");
    }

    @Test
    void should_accept_a_token_whose_audiences_include_caravan() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().audience(List.of("account", AUDIENCE)).build());

        assertThat(verifier.verify(token).principal()).isEqualTo("alice");
    }

    // --- claims to identity -------------------------------------------------------------------------------------

    @Test
    void should_take_the_principal_from_the_configured_claim() {
        JwtVerifier verifier = verifier(settings(null, "preferred_username", null, null, null));
        String token = sign(issuerKey, claims().claim("preferred_username", "alice.smith").build());

        assertThat(verifier.verify(token).principal()).isEqualTo("alice.smith");
    }

    @Test
    void should_refuse_a_token_without_the_principal_claim_as_invalid_token() {
        JwtVerifier verifier = verifier(settings(null, "preferred_username", null, null, null));

        AuthenticationException refused = refusal(verifier, sign(issuerKey, claims().build()));

        assertThat(refused.reason()).isEqualTo("invalid_token");
        assertThat(refused.getMessage()).contains("preferred_username");
    }

    @Test
    void should_read_groups_given_as_a_space_or_comma_separated_string() {
        JwtVerifier verifier = verifier(settings(null, null, "roles_and_groups", null, null));
        String token = sign(issuerKey, claims().claim("roles_and_groups", "hr, sales-emea finance").build());

        assertThat(verifier.verify(token).groups()).containsExactly("finance", "hr", "sales-emea");
    }

    @Test
    void should_drop_invalid_group_names_and_keep_the_valid_ones() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims()
                .claim("groups", List.of("hr", "/admins", "", 42, "*", "team.eu@corp")).build());

        assertThat(verifier.verify(token).groups()).containsExactly("hr", "team.eu@corp");
    }

    @Test
    void should_give_no_groups_when_the_token_has_none() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().claim("groups", null).build());

        assertThat(verifier.verify(token).groups()).isEmpty();
    }

    @Test
    void should_give_the_highest_recognised_role_the_role_claim_names() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String many = sign(issuerKey, claims().claim("caravan_role", List.of("reader", "superuser", "ADMIN")).build());
        String one = sign(issuerKey, claims().claim("caravan_role", "editor").build());

        assertThat(verifier.verify(many).role()).isEqualTo(Role.ADMIN);
        assertThat(verifier.verify(one).role()).isEqualTo(Role.EDITOR);
    }

    @Test
    void should_give_the_default_role_when_the_role_claim_names_no_known_role() {
        JwtVerifier readers = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        JwtVerifier editors = verifier(settings(null, null, null, "roles", Role.EDITOR));
        String none = sign(issuerKey, claims().build());
        String unknown = sign(issuerKey, claims().claim("roles", List.of("superuser")).build());

        assertThat(readers.verify(none).role()).isEqualTo(Role.READER);
        assertThat(editors.verify(unknown).role()).isEqualTo(Role.EDITOR);
    }

    // --- refused tokens -----------------------------------------------------------------------------------------

    @Test
    void should_refuse_an_expired_token_as_expired() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().expirationTime(secondsFromNow(-120)).build());

        assertThat(refusal(verifier, token).reason()).isEqualTo("expired");
    }

    @Test
    void should_refuse_a_token_without_expiry_as_invalid_token() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().expirationTime(null).build());

        AuthenticationException refused = refusal(verifier, token);

        assertThat(refused.reason()).isEqualTo("invalid_token");
        assertThat(refused.getMessage()).contains("exp");
    }

    @Test
    void should_refuse_a_token_not_valid_yet_as_invalid_token() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().notBeforeTime(secondsFromNow(600)).build());

        AuthenticationException refused = refusal(verifier, token);

        assertThat(refused.reason()).isEqualTo("invalid_token");
        assertThat(refused.getMessage()).contains("nbf");
    }

    @Test
    void should_refuse_another_issuer_as_wrong_issuer() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().issuer("https://other.example/realms/caravan").build());

        assertThat(refusal(verifier, token).reason()).isEqualTo("wrong_issuer");
    }

    @Test
    void should_refuse_another_or_no_audience_as_wrong_audience() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String other = sign(issuerKey, claims().audience("account").build());
        String none = sign(issuerKey, claims().audience((String) null).build());

        assertThat(refusal(verifier, other).reason()).isEqualTo("wrong_audience");
        assertThat(refusal(verifier, none).reason()).isEqualTo("wrong_audience");
    }

    @Test
    void should_refuse_a_token_signed_by_a_key_the_issuer_does_not_publish_as_bad_signature() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String sameKid = sign(strangerKey, claims().build());

        assertThat(refusal(verifier, sameKid).reason()).isEqualTo("bad_signature");
    }

    @Test
    void should_refuse_a_tampered_payload_as_bad_signature() {
        // given: a valid token whose payload is swapped for one that claims admin
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String[] parts = sign(issuerKey, claims().build()).split("\\.");
        String admin = Base64URL.encode(claims().claim("caravan_role", "admin").build().toString()).toString();
        String tampered = parts[0] + "." + admin + "." + parts[2];

        // when / then
        assertThat(refusal(verifier, tampered).reason()).isEqualTo("bad_signature");
    }

    @Test
    void should_refuse_an_unsigned_alg_none_token_as_bad_signature() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String unsigned = new PlainJWT(claims().build()).serialize();

        assertThat(JwtVerifier.looksLikeJwt(unsigned)).isTrue();
        assertThat(refusal(verifier, unsigned).reason()).isEqualTo("bad_signature");
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void should_refuse_an_hmac_token_keyed_with_the_issuers_public_key_as_bad_signature() throws Exception {
        // given: the classic algorithm confusion, HS256 with the published RSA key as the secret
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        hmac.sign(new MACSigner(issuerKey.toRSAPublicKey().getEncoded()));

        // when / then
        assertThat(refusal(verifier, hmac.serialize()).reason()).isEqualTo("bad_signature");
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void should_refuse_a_token_that_is_not_an_access_token_type_as_invalid_token() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String proof = sign(issuerKey, new JOSEObjectType("dpop+jwt"), claims().build());

        assertThat(refusal(verifier, proof).reason()).isEqualTo("invalid_token");
    }

    @Test
    void should_refuse_what_is_not_a_jwt_as_malformed() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String notJson = "eyJhbGciOiJSUzI1NiJ9." + Base64URL.encode("not json") + ".c2ln";

        assertThat(refusal(verifier, "ck_live_0123456789abcdef").reason()).isEqualTo("malformed");
        assertThat(refusal(verifier, "abc.def.ghi").reason()).isEqualTo("malformed");
        assertThat(refusal(verifier, notJson).reason()).isEqualTo("malformed");
        assertThat(refusal(verifier, "").reason()).isEqualTo("malformed");
    }

    // --- keys: caching, rotation, outages -----------------------------------------------------------------------

    @Test
    void should_not_contact_the_issuer_before_the_first_token() {
        verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));

        assertThat(issuer.discoveryRequests()).isZero();
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void should_serve_later_tokens_from_the_cached_keys() {
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));

        for (int i = 0; i < 5; i++) {
            verifier.verify(sign(i % 2 == 0 ? issuerKey : ecKey, claims().build()));
        }

        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void should_verify_a_token_signed_by_a_rotated_key_without_a_new_verifier() {
        // given: keys cached while the issuer signs with k1
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        verifier.verify(sign(issuerKey, claims().build()));

        // when: the issuer rotates to k2 and retires k1
        issuer.publish(rotatedKey);
        Identity identity = verifier.verify(sign(rotatedKey, claims().build()));

        // then: the unknown kid fetched the keys once more; the retired key no longer verifies
        assertThat(identity.principal()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
        assertThat(refusal(verifier, sign(issuerKey, claims().build())).reason()).isEqualTo("bad_signature");
    }

    @Test
    void should_refetch_at_most_once_per_interval_for_unknown_key_ids() {
        // given: keys cached
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        verifier.verify(sign(issuerKey, claims().build()));
        RSAKey unknown = new RSAKey.Builder(strangerKey).keyID("nobody").build();

        // when: tokens with a kid the issuer never published keep coming
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reasons.add(refusal(verifier, sign(unknown, claims().build())).reason());
        }

        // then: each is a bad signature (not "unavailable"), and the issuer was asked once more only
        assertThat(reasons).containsOnly("bad_signature");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void should_answer_unavailable_when_the_issuer_is_unreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JwtVerifier verifier = verifier(JwtSettings.defaults("http://127.0.0.1:" + closedPort + "/realms/x", AUDIENCE));
        String token = sign(issuerKey, claims().issuer("http://127.0.0.1:" + closedPort + "/realms/x").build());

        AuthenticationException refused = refusal(verifier, token);

        assertThat(refused.reason()).isEqualTo("unavailable");
        assertThat(refused.getMessage()).doesNotContain("127.0.0.1");
    }

    @Test
    void should_retry_discovery_after_it_failed_without_a_new_verifier() {
        // given: Caravan started while the issuer's discovery was failing
        issuer.failDiscovery(true);
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));
        String token = sign(issuerKey, claims().build());
        assertThat(refusal(verifier, token).reason()).isEqualTo("unavailable");

        // when: the issuer is back
        issuer.failDiscovery(false);

        // then
        assertThat(verifier.verify(token).principal()).isEqualTo("alice");
        assertThat(issuer.discoveryRequests()).isEqualTo(2);
    }

    @Test
    void should_answer_unavailable_when_discovery_names_another_issuer() {
        issuer.stateIssuer("https://impostor.example/realms/caravan");
        JwtVerifier verifier = verifier(JwtSettings.defaults(issuer.issuer(), AUDIENCE));

        assertThat(refusal(verifier, sign(issuerKey, claims().build())).reason()).isEqualTo("unavailable");
        assertThat(issuer.jwksRequests()).isZero();
    }

    // --- telling a JWT from an API key --------------------------------------------------------------------------

    @Test
    void should_tell_a_jwt_from_an_api_key_by_its_shape() {
        assertThat(JwtVerifier.looksLikeJwt(sign(issuerKey, claims().build()))).isTrue();
        assertThat(JwtVerifier.looksLikeJwt("ck_live_0123456789abcdef")).isFalse();
        assertThat(JwtVerifier.looksLikeJwt("a.b")).isFalse();
        assertThat(JwtVerifier.looksLikeJwt("a.b.c.d.e")).isFalse();
        assertThat(JwtVerifier.looksLikeJwt("a+b.c/d.e=")).isFalse();
        assertThat(JwtVerifier.looksLikeJwt(null)).isFalse();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private JwtVerifier verifier(JwtSettings settings) {
        JwtVerifier verifier = new JwtVerifier(settings);
        verifiers.add(verifier);
        return verifier;
    }

    private static JwtSettings settings(URI jwksUrl, String principalClaim, String groupsClaim, String roleClaim,
                                        Role defaultRole) {
        return new JwtSettings(issuer.issuer(), jwksUrl, AUDIENCE, principalClaim, groupsClaim, roleClaim,
                defaultRole, null, null, null, Duration.ofSeconds(1));
    }

    /** A token the test issuer would mint for alice, groups hr and sales-emea, valid for five minutes. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .audience(AUDIENCE)
                .subject("alice")
                .claim("groups", List.of("hr", "sales-emea"))
                .issueTime(secondsFromNow(0))
                .expirationTime(secondsFromNow(300));
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static String sign(JWK key, JWTClaimsSet claims) {
        return sign(key, JOSEObjectType.JWT, claims);
    }

    private static String sign(JWK key, JOSEObjectType type, JWTClaimsSet claims) {
        try {
            JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The refusal of {@code token}, checked to be safe to show: its message repeats no part of the token. */
    private static AuthenticationException refusal(JwtVerifier verifier, String token) {
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                () -> verifier.verify(token));
        assertThat(refused).as("refused").isNotNull();
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(refused.getMessage()).doesNotContain(part);
            }
        }
        return refused;
    }
}
