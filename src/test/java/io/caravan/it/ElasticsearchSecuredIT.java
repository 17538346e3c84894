package io.caravan.it;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caravan on a secured cluster: HTTPS with a certificate signed by the cluster's own CA, and a password. With the
 * right credentials and CA (or told to trust any certificate) it indexes and answers; with a wrong password or
 * without the CA it runs, not ready, and answers a JSON error that says why.
 *
 * <p>The node is one of this class's own ({@link ElasticsearchNode#securedNode}): the shared node runs with
 * security off. API keys are not tested here: the minimal distribution cannot create the security index that
 * holds them.
 */
class ElasticsearchSecuredIT {

    /** caravan.elasticsearch.timeout here: a refused request must come back well within it. */
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(10);

    private static ElasticsearchNode node;

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;

    private final String alias = "caravan-secured-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startNode() {
        node = ElasticsearchNode.securedNode("caravan-it-secured");
        node.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        node.request("DELETE", alias + "-*", null);
    }

    private Map<String, String> onSecuredCluster(Map<String, String> credentials) {
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                "caravan.elasticsearch.timeout", CLUSTER_TIMEOUT.toSeconds() + "s",
                // the minimal test node has no language analyzers
                "caravan.index.analyzer", "standard"));
        config.putAll(credentials);
        return config;
    }

    @Test
    void should_index_and_answer_over_https_with_a_password_and_the_clusters_ca() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, onSecuredCluster(Map.of(
                "caravan.elasticsearch.username", node.username(),
                "caravan.elasticsearch.password", node.password(),
                "caravan.elasticsearch.ca-certificate", node.caCertificate().toString())));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Fixtures.text(inbox.resolve("lighthouse.md"),
                "# Lighthouse\n\nThe lighthouse keeper lit the lamp at dusk every evening.\n");
        await(indexed, 120);

        // when
        HttpResponse<String> response = caravan.ask("When did the keeper light the lamp?");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("answer").asText()).contains("dusk");
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("lighthouse.md");
        assertThat(json(caravan.get("/api/documents/lighthouse.md")).get("status").asText()).isEqualTo("indexed");
        HttpResponse<String> health = caravan.get("/api/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(json(health).get("ready").asBoolean()).isTrue();
        // and the chunks really are in the secured cluster, behind the alias
        node.request("POST", alias + "/_refresh", null);
        assertThat(json(node.request("GET", alias + "/_count", null)).get("count").asInt()).isPositive();
    }

    @Test
    void should_answer_a_json_error_naming_authentication_and_not_be_ready_with_a_wrong_password() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, onSecuredCluster(Map.of(
                "caravan.elasticsearch.username", node.username(),
                "caravan.elasticsearch.password", "not-" + node.password(),
                "caravan.elasticsearch.ca-certificate", node.caCertificate().toString())));

        // when
        JsonNode error = assertRefusedWithJsonError();

        // then
        assertThat(error.get("message").asText()).containsIgnoringCase("authenticat");
    }

    @Test
    void should_answer_a_json_error_naming_the_certificate_without_the_clusters_ca() throws Exception {
        // given: the right password, but only the JVM's CAs, which do not know the cluster's
        caravan = RunningCaravan.start(data, inbox, onSecuredCluster(Map.of(
                "caravan.elasticsearch.username", node.username(),
                "caravan.elasticsearch.password", node.password(),
                "caravan.elasticsearch.insecure", "false")));

        // when
        JsonNode error = assertRefusedWithJsonError();

        // then
        assertThat(error.get("message").asText()).containsIgnoringCase("certificat");
    }

    @Test
    void should_be_ready_without_the_ca_when_told_to_trust_any_certificate() throws Exception {
        // given
        caravan = RunningCaravan.start(data, inbox, onSecuredCluster(Map.of(
                "caravan.elasticsearch.username", node.username(),
                "caravan.elasticsearch.password", node.password(),
                "caravan.elasticsearch.insecure", "true")));

        // when
        HttpResponse<String> health = caravan.get("/api/health");

        // then
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(json(caravan.get("/api/search?q=lamp&k=1")).get("hits")).isEmpty();
    }

    /** /api/ask answers a JSON 503 within the cluster timeout, /api/health says not ready, Caravan runs. */
    private JsonNode assertRefusedWithJsonError() {
        long began = System.nanoTime();
        HttpResponse<String> answer = caravan.ask("When did the keeper light the lamp?");
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception");
        JsonNode error = json(answer).get("error");
        assertThat(error.get("code").asText()).isEqualTo("unavailable");
        assertThat(took).isLessThan(CLUSTER_TIMEOUT);
        HttpResponse<String> health = caravan.get("/api/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        assertThat(json(health).get("ready").asBoolean()).isFalse();
        assertThat(json(health).get("checks").get("index").asText()).isEqualTo("DOWN");
        assertThat(caravan.context().getStatus()).isEqualTo(ServiceStatus.Started);
        return error;
    }
}
