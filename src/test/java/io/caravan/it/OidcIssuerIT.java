package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens from a real OAuth2/OIDC server in the test JVM (mock-oauth2-server from Maven Central: discovery document,
 * JWKS, token endpoint), checked by a Caravan that knows only the issuer's URL and its own audience
 * (docs/http-api.md#tokens-oidc--jwt).
 */
class OidcIssuerIT {

    private static final String AUDIENCE = "caravan-api";
    private static final String QUESTION = "By how much does the salary review raise pay?";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static MockOAuth2Server oidc;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.auth.jwt.issuer", oidc.issuerUrl("corp").toString(),
                "caravan.auth.jwt.audience", AUDIENCE,
                // the issuer runs in this JVM; on a loaded build machine its first key fetch can take over the
                // default 2 s, and this test is about refusals, not about an issuer too slow to answer
                "caravan.auth.jwt.http-timeout", "10s",
                "caravan.sources.file.acl-rules", "hr/**=hr",
                "caravan.sources.file.acl", "staff"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Files.createDirectories(inbox.resolve("hr"));
        Files.writeString(inbox.resolve("hr/salaries.txt"), "The salary review of 2026 raises pay by 4.5 percent.");
        Files.writeString(inbox.resolve("canteen.txt"), "The canteen serves lunch from noon until two o'clock.");
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        if (caravan != null) {
            caravan.close();
        }
        oidc.shutdown();
    }

    @Test
    void should_answer_a_token_of_the_issuer_with_the_groups_it_carries() {
        // given
        String hr = oidc.issueToken("corp", "ana", AUDIENCE, Map.of("groups", List.of("hr", "staff"))).serialize();
        String staff = oidc.issueToken("corp", "bob", AUDIENCE, Map.of("groups", "staff")).serialize();

        // when
        JsonNode insider = json(ask(hr));
        JsonNode outsider = json(ask(staff));

        // then
        assertThat(insider.get("answer").asText()).contains("4.5 percent");
        assertThat(outsider.toString()).doesNotContain("4.5").doesNotContain("hr/salaries.txt");
    }

    @Test
    void should_refuse_expired_foreign_misaddressed_and_tampered_tokens() {
        Map<String, Object> hr = Map.of("groups", List.of("hr"));
        String expired = oidc.issueToken("corp", "ana", AUDIENCE, hr, -300).serialize();
        String otherIssuer = oidc.issueToken("elsewhere", "ana", AUDIENCE, hr).serialize();
        String otherAudience = oidc.issueToken("corp", "ana", "another-app", hr).serialize();
        String[] parts = oidc.issueToken("corp", "ana", AUDIENCE, Map.of("groups", List.of("staff"))).serialize()
                .split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"staff\"", "\"hr\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        for (String refused : List.of(expired, otherIssuer, otherAudience, tampered)) {
            HttpResponse<String> response = ask(refused);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
            assertThat(response.body()).doesNotContain("4.5");
        }
    }

    @Test
    void should_accept_a_token_a_client_got_from_the_issuers_token_endpoint() throws Exception {
        // given: the client credentials grant, as a service would get its token
        HttpResponse<String> granted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(oidc.tokenEndpointUrl("corp").toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=reporting"
                        + "&client_secret=s&scope=" + AUDIENCE)).build(), HttpResponse.BodyHandlers.ofString());
        String token = json(granted).get("access_token").asText();

        // when
        HttpResponse<String> response = ask(token);

        // then: authenticated, and in no group, so nothing restricted
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("citations")).isEmpty();
    }

    private static HttpResponse<String> ask(String token) {
        return caravan.send(caravan.request("/api/ask").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + QUESTION + "\"}")));
    }
}
