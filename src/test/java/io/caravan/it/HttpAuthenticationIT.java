package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.caravan.auth.TestIssuer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication over HTTP with real credentials: API keys made by the {@code keys} command and JWTs signed by an
 * issuer whose discovery document and JWKS are served over HTTP (docs/http-api.md#authentication).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAuthenticationIT {

    private static final String AUDIENCE = "caravan-api";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private RunningCaravan caravan;
    private TestIssuer issuer;
    private RSAKey signingKey;
    private Path keyFile;
    private String hrReader;
    private String financeReader;
    private String hrEditor;

    @BeforeAll
    void start() throws Exception {
        issuer = new TestIssuer();
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        issuer.publish(signingKey);
        keyFile = etc.resolve("keys.json");
        hrReader = createKey("ana", "hr,staff", "reader");
        financeReader = createKey("fin", "finance", "reader");
        hrEditor = createKey("ed", "hr", "editor");
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.auth.jwt.issuer", issuer.issuer(),
                "caravan.auth.jwt.audience", AUDIENCE,
                "caravan.auth.failure-limit", "1000",
                "caravan.sources.file.acl", "hr"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Files.writeString(inbox.resolve("leave.txt"), "Parental leave at Caravan lasts twenty-six weeks on full pay.");
        Files.writeString(inbox.resolve("bonus.txt"), "The winter bonus is paid with the December salary.");
        await(indexed, 120);
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void should_answer_401_with_a_bearer_challenge_without_a_credential_but_keep_health_and_metrics_open() {
        // when
        HttpResponse<String> refused = ask(null, "How long is parental leave?");

        // then
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"caravan\"");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode error = json(refused);
        assertThat(error.at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(caravan.get("/api/search?q=leave").statusCode()).isEqualTo(401);
        assertThat(caravan.get("/api/documents").statusCode()).isEqualTo(401);
        assertThat(caravan.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(caravan.get("/api/health/live").statusCode()).isEqualTo(200);
        assertThat(caravan.get("/api/health/ready").statusCode()).isEqualTo(200);
        assertThat(caravan.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void should_say_who_the_caller_is_on_api_me_and_serve_the_page_without_a_credential() {
        // when
        JsonNode reader = json(get(hrReader, "/api/me"));
        JsonNode editor = json(get(hrEditor, "/api/me"));
        HttpResponse<String> nobody = get(null, "/api/me");
        HttpResponse<String> page = get(null, "/");

        // then: the page is static and open; what it shows needs the credential
        assertThat(reader.get("authentication").asBoolean()).isTrue();
        assertThat(reader.get("principal").asText()).isEqualTo("ana");
        assertThat(reader.get("role").asText()).isEqualTo("reader");
        assertThat(reader.get("groups")).extracting(JsonNode::asText).containsExactly("hr", "staff");
        assertThat(reader.get("mayManage").asBoolean()).isFalse();
        assertThat(reader.toString()).doesNotContain(hrReader);
        assertThat(editor.get("mayManage").asBoolean()).isTrue();
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Caravan</title>").doesNotContain("leave");
    }

    @Test
    void should_answer_401_invalid_token_for_a_wrong_or_revoked_key() throws Exception {
        // given
        String doomed = createKey("temp", "hr", "reader");
        assertThat(ask(doomed, "How long is parental leave?").statusCode()).isEqualTo(200);

        // when
        String revoked = KeysCli.run("keys", "revoke", "temp", "--file", keyFile.toString());
        HttpResponse<String> afterRevoke = ask(doomed, "How long is parental leave?");
        HttpResponse<String> wrong = ask("cvk_this-is-not-a-key", "How long is parental leave?");

        // then
        assertThat(revoked).contains("revoked key-");
        for (HttpResponse<String> refused : List.of(afterRevoke, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"caravan\", error=\"invalid_token\"");
            assertThat(json(refused).at("/error/code").asText()).isEqualTo("unauthorized");
            assertThat(refused.body()).doesNotContain(doomed).doesNotContain("cvk_this-is-not-a-key");
        }
    }

    @Test
    void should_answer_from_the_documents_of_the_callers_groups_only() {
        // when
        JsonNode insider = json(ask(hrReader, "How long is parental leave?"));
        JsonNode outsider = json(ask(financeReader, "How long is parental leave?"));

        // then
        assertThat(insider.get("answer").asText()).contains("twenty-six weeks");
        assertThat(insider.get("citations")).isNotEmpty();
        assertThat(outsider.get("answer").asText()).doesNotContain("twenty-six");
        assertThat(outsider.get("citations")).isEmpty();
        assertThat(json(get(financeReader, "/api/search?q=parental+leave")).get("hits")).isEmpty();
        assertThat(json(get(hrReader, "/api/search?q=parental+leave")).get("hits")).isNotEmpty();
    }

    @Test
    void should_accept_a_valid_token_and_refuse_expired_foreign_and_forged_ones() throws Exception {
        // given
        Instant now = Instant.now();
        String valid = token(signingKey, issuer.issuer(), AUDIENCE, now.plusSeconds(300));
        String expired = token(signingKey, issuer.issuer(), AUDIENCE, now.minusSeconds(600));
        String otherIssuer = token(signingKey, "https://elsewhere.example/realms/x", AUDIENCE, now.plusSeconds(300));
        String otherAudience = token(signingKey, issuer.issuer(), "another-app", now.plusSeconds(300));
        String forged = token(new RSAKeyGenerator(2048).keyID("k1").generate(), issuer.issuer(), AUDIENCE,
                now.plusSeconds(300));

        // when
        HttpResponse<String> accepted = ask(valid, "How long is parental leave?");

        // then: the token's groups (hr) see the leave policy
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("answer").asText()).contains("twenty-six weeks");
        for (String refused : List.of(expired, otherIssuer, otherAudience, forged)) {
            HttpResponse<String> response = ask(refused, "How long is parental leave?");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("unauthorized");
            assertThat(response.body()).doesNotContain(refused);
        }
    }

    @Test
    void should_let_an_editor_but_not_a_reader_delete_and_upload() {
        // when
        HttpResponse<String> readerDelete = send(hrReader, caravan.request("/api/documents/bonus.txt").DELETE());
        HttpResponse<String> readerUpload = send(hrReader, caravan.request("/api/documents?name=memo.txt")
                .POST(HttpRequest.BodyPublishers.ofString("memo")));

        // then
        assertThat(readerDelete.statusCode()).isEqualTo(403);
        assertThat(json(readerDelete).at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(readerUpload.statusCode()).isEqualTo(403);
        assertThat(json(readerUpload).at("/error/message").asText()).contains("upload documents");

        // when: an editor outside the document's groups, then one inside
        HttpResponse<String> outsiderDelete = send(createKey("fed", "finance", "editor"),
                caravan.request("/api/documents/bonus.txt").DELETE());
        HttpResponse<String> editorDelete = send(hrEditor, caravan.request("/api/documents/bonus.txt").DELETE());

        // then: the outsider cannot tell the document exists
        assertThat(outsiderDelete.statusCode()).isEqualTo(404);
        assertThat(editorDelete.statusCode()).isEqualTo(200);
        assertThat(json(editorDelete).get("status").asText()).isEqualTo("deleted");
    }

    @Test
    void should_throttle_an_address_that_keeps_presenting_wrong_credentials() throws Exception {
        // given: a Caravan of its own with a low limit
        Path otherData = Files.createTempDirectory(etc, "data");
        Path otherInbox = Files.createTempDirectory(etc, "inbox");
        try (RunningCaravan strict = RunningCaravan.start(otherData, otherInbox, Map.of(
                "caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.auth.failure-limit", "3",
                "caravan.auth.metrics-open", "false"))) {
            // when
            for (int i = 0; i < 3; i++) {
                assertThat(strict.send(strict.request("/api/documents").header("Authorization", "Bearer cvk_guess" + i)
                        .GET()).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> throttled = strict.send(strict.request("/api/documents")
                    .header("Authorization", "Bearer " + hrReader).GET());

            // then: even the right key waits, and is told how long
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(throttled).at("/error/code").asText()).isEqualTo("too_many_requests");
            // and: /metrics is closed here, and counts the failures by channel and reason, never by principal
            assertThat(strict.get("/metrics").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void should_count_auth_failures_by_channel_and_reason_on_metrics() {
        ask("cvk_nope", "anything");
        String metrics = caravan.get("/metrics").body();
        assertThat(metrics).containsPattern("caravan_auth_failures_total\\{channel=\"http\",reason=\"unknown_key\"\\}");
        assertThat(metrics).doesNotContain("principal=").doesNotContain("\"ana\"");
    }

    private HttpResponse<String> ask(String credential, String question) {
        return send(credential, caravan.request("/api/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + question + "\"}")));
    }

    private HttpResponse<String> get(String credential, String path) {
        return send(credential, caravan.request(path).GET());
    }

    private HttpResponse<String> send(String credential, HttpRequest.Builder request) {
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return caravan.send(request);
    }

    private String createKey(String principal, String groups, String role) {
        return KeysCli.create(keyFile, principal, groups, role).key();
    }

    private static String token(RSAKey key, String issuer, String audience, Instant expiry) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("tok-user")
                .claim("groups", List.of("hr")).issueTime(Date.from(expiry.minusSeconds(900)))
                .expirationTime(Date.from(expiry)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
